package clay.intelligence.proxy;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The placeholders of one conversation: the same value always gets the same placeholder ({@code <PERSON_1>}), numbered
 * per data class in order of first appearance, and every placeholder can be turned back into its value. Thread-safe.
 */
public final class PlaceholderMap {
    /** A placeholder as models echo it: {@code <PERSON_1>}, {@code [PERSON_1]}, {@code {PERSON_1}} or bare {@code PERSON_1}. */
    static final Pattern PLACEHOLDER;

    static {
        StringBuilder names = new StringBuilder();
        for (DataClass c : DataClass.values()) names.append(names.isEmpty() ? "" : "|").append(c.name());
        PLACEHOLDER = Pattern.compile("[<\\[{]?\\b(" + names + ")_(\\d+)\\b[>\\]}]?");
    }

    private final Map<String, String> byValue = new HashMap<>();
    private final Map<String, String> byPlaceholder = new LinkedHashMap<>();
    private final Map<String, DataClass> types = new HashMap<>();
    private final Map<DataClass, Integer> counters = new EnumMap<>(DataClass.class);

    /** The placeholder for {@code value}, creating the next one of its class on first sight. */
    public synchronized String placeholder(DataClass type, String value) {
        String key = type.name() + "\u0000" + value;
        String existing = byValue.get(key);
        if (existing != null) return existing;
        int n = counters.merge(type, 1, Integer::sum);
        String ph = "<" + type.name() + "_" + n + ">";
        byValue.put(key, ph);
        byPlaceholder.put(ph, value);
        types.put(ph, type);
        return ph;
    }

    /** Every value seen so far with its class (used to catch later mentions of the same value). */
    public synchronized Map<String, DataClass> values() {
        Map<String, DataClass> out = new LinkedHashMap<>();
        byPlaceholder.forEach((ph, v) -> out.put(v, types.get(ph)));
        return out;
    }

    public synchronized int size() {
        return byPlaceholder.size();
    }

    /** Replaces every known placeholder in {@code text} by its value; unknown ones are left as they are. */
    public synchronized String restore(String text) {
        if (text == null || byPlaceholder.isEmpty()) return text;
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (m.find()) {
            String value = byPlaceholder.get("<" + m.group(1) + "_" + m.group(2) + ">");
            String whole = m.group();
            if (value == null) {
                m.appendReplacement(out, Matcher.quoteReplacement(whole));
                continue;
            }
            // keep a bracket that was not part of the placeholder ("(<PERSON_1>)" has none, "[PERSON_1" keeps "[")
            char first = whole.charAt(0), last = whole.charAt(whole.length() - 1);
            boolean open = "<[{".indexOf(first) >= 0, close = ">]}".indexOf(last) >= 0;
            boolean pair = open && close && "<[{".indexOf(first) == ">]}".indexOf(last);
            String prefix = open && !pair ? String.valueOf(first) : "";
            String suffix = close && !pair ? String.valueOf(last) : "";
            m.appendReplacement(out, Matcher.quoteReplacement(prefix + value + suffix));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** A restorer for a streamed answer, holding back a chunk's tail that may be the start of a split placeholder. */
    public StreamRestorer streamRestorer() {
        return new StreamRestorer(this);
    }

    /** Restores placeholders in a stream of chunks. Not thread-safe: one per stream. */
    public static final class StreamRestorer {
        private static final int MAX_PLACEHOLDER = 24;
        private final PlaceholderMap map;
        private final StringBuilder pending = new StringBuilder();

        private StreamRestorer(PlaceholderMap map) {
            this.map = map;
        }

        /** Takes the next chunk and returns the text that is safe to show now (maybe empty). */
        public String feed(String chunk) {
            pending.append(chunk);
            int cut = holdFrom(pending);
            String ready = pending.substring(0, cut);
            pending.delete(0, cut);
            return map.restore(ready);
        }

        /** The rest at the end of the stream. */
        public String flush() {
            String rest = map.restore(pending.toString());
            pending.setLength(0);
            return rest;
        }

        private static int holdFrom(CharSequence s) {
            int n = s.length();
            int k = n;
            while (k > 0 && n - k < MAX_PLACEHOLDER) {
                char c = s.charAt(k - 1);
                if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_') k--;
                else break;
            }
            if (k > 0 && "<[{".indexOf(s.charAt(k - 1)) >= 0) k--;
            if (k == n) return n;
            // only hold if the tail could still become a placeholder
            String tail = s.subSequence(k, n).toString();
            String core = tail.replaceFirst("^[<\\[{]", "");
            for (DataClass c : DataClass.values()) {
                String p = c.name() + "_";
                if (p.startsWith(core) || core.startsWith(p) && core.substring(p.length()).matches("\\d*")) return k;
            }
            return n;
        }
    }
}
