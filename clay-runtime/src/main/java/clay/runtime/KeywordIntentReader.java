package clay.runtime;

import clay.core.Intent;
import clay.core.Utterance;
import java.util.Locale;
import java.util.Map;

/** A few fixed phrases for the offline skills, used only until a real intent parser is provided. */
final class KeywordIntentReader implements IntentReader {
    @Override
    public Intent read(Utterance u) {
        String t = u.text().toLowerCase(Locale.ROOT);
        String name;
        if (t.matches(".*\\b(what time|the time|time is it|current time)\\b.*")) name = "get_time";
        else if (t.matches(".*\\b(what day|date today|today's date|what's the date|what is the date)\\b.*")) name = "get_date";
        else if (t.matches(".*\\b(system status|status|how are you doing|health)\\b.*")) name = "system_status";
        else if (t.matches("\\s*(help|what can you do\\??|\\?)\\s*")) name = "help";
        else if (t.matches(".*\\b(settings|configuration|config)\\b.*")) name = "settings";
        else name = Intent.OUT_OF_SCOPE;
        return new Intent(name, Map.of(), name.equals(Intent.OUT_OF_SCOPE) ? 0.0 : 0.9, u.source(),
                Map.of("text", u.text(), "path", "keywords"));
    }
}
