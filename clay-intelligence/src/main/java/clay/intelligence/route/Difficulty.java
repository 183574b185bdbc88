package clay.intelligence.route;

import clay.intelligence.intent.IntentKind;
import java.util.Locale;
import java.util.regex.Pattern;

/** A cheap difficulty estimate (0..1) from the words of a request and its kind: no model involved. */
public final class Difficulty {
    private static final Pattern HARD = Pattern.compile(
            "\\b(why|prove|derive|analy[sz]e|compare|trade-?offs?|step by step|in depth|detailed|architecture|strategy|"
                    + "optimi[sz]e|evaluate|critique|implications?|research|plan)\\b");

    private Difficulty() {}

    public static double estimate(String text, IntentKind kind) {
        String t = text.toLowerCase(Locale.ROOT);
        double d = switch (kind) {
            case OFFLINE -> 0.0;
            case SIMPLE, PERSONAL -> 0.2;
            case DRAFT, CODE -> 0.4;
            case REASONING -> 0.6;
        };
        var m = HARD.matcher(t);
        int hard = 0;
        while (m.find()) hard++;
        d += Math.min(0.3, 0.12 * hard);
        int words = t.split("\\s+").length;
        if (words > 40) d += 0.1;
        if (words > 120) d += 0.1;
        return Math.min(1, d);
    }
}
