package clay.intelligence.proxy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites the labelled values of a redaction set the way someone hiding them from a pattern would: spaces as
 * no-break spaces, digits and {@code @} full-width, zero-width spaces inside numbers, one Latin letter swapped for its
 * Cyrillic look-alike; one value in five stays as it was. Seeded, so a run can be repeated exactly.
 */
final class Disguises {
    private static final Pattern MARK = Pattern.compile("\\{\\{([A-Z_]+)\\|(.+?)}}");
    private static final String LATIN = "aeopcxyAEOPCXHKMT";
    private static final String CYRILLIC = "аеорсхуАЕОРСХНКМТ";

    private Disguises() {}

    static List<String> apply(List<String> lines, long seed) {
        Random random = new Random(seed);
        List<String> out = new ArrayList<>(lines.size());
        for (String line : lines) {
            Matcher m = MARK.matcher(line);
            StringBuilder b = new StringBuilder();
            while (m.find()) {
                String disguised = disguise(m.group(2), random);
                m.appendReplacement(b, Matcher.quoteReplacement("{{" + m.group(1) + "|" + disguised + "}}"));
            }
            out.add(m.appendTail(b).toString());
        }
        return out;
    }

    private static String disguise(String v, Random random) {
        StringBuilder x = new StringBuilder(v.length() + 8);
        switch (random.nextInt(5)) {
            case 0 -> x.append(v.replace(' ', '\u00a0'));
            case 1 -> v.chars().forEach(c -> x.append(c >= '0' && c <= '9' ? (char) (c - '0' + 0xFF10) : c == '@' ? '＠' : (char) c));
            case 2 -> v.chars().forEach(c -> {
                x.append((char) c);
                if (Character.isDigit(c) && random.nextInt(3) == 0) x.append('\u200b');
            });
            case 3 -> {
                int at = -1;
                for (int k = 0; k < v.length(); k++) if (LATIN.indexOf(v.charAt(k)) >= 0 && (at < 0 || random.nextBoolean())) at = k;
                x.append(v);
                if (at >= 0) x.setCharAt(at, CYRILLIC.charAt(LATIN.indexOf(v.charAt(at))));
            }
            default -> x.append(v);
        }
        return x.toString();
    }
}
