package clay.intelligence.proxy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/** The word lists behind name detection: given names, family names and capitalised words that are rarely names. */
final class Lexicon {
    static final Set<String> FIRST = load("first-names.txt");
    static final Set<String> LAST = load("last-names.txt");
    static final Set<String> COMMON = load("common-words.txt");

    /** Given names that are also ordinary English words: they count as names only with supporting context. */
    static final Set<String> AMBIGUOUS = Set.copyOf(java.util.List.of("will", "may", "mark", "bill", "grace", "hope", "rose", "joy", "faith",
            "june", "april", "august", "art", "sue", "pat", "frank", "jack", "victor", "summer", "dawn", "iris", "ruby",
            "amber", "jade", "holly", "ivy", "lily", "penny", "chase", "hunter", "max", "miles", "guy", "carol", "sunny",
            "rich", "rob", "don", "dean", "gene", "drew", "reed", "wade", "lane", "dale", "glen", "cliff", "brook", "sky",
            "river", "ray", "per", "jan", "kim", "lee", "eve", "chuck", "bob", "jay", "sam", "ken", "mike", "kai", "ola",
            "violet", "willow", "stone", "young", "king", "wood", "hill", "baker", "cook", "green", "white", "brown",
            "black", "long", "price", "bell", "ward", "mills", "hunt", "wells", "west", "grant", "ford", "park", "page",
            "hart", "reid", "gray", "lang", "mann", "wolf", "fox", "jordan", "morgan", "james", "thomas", "de",
            "van", "le", "dahl", "sauer", "berg", "ng", "li", "wu", "yu", "xu", "lau", "das", "jain", "shah", "rao",
            "bose", "lucas", "francis", "douglas", "martin", "gordon", "ali", "tran", "lim", "cho", "hall", "snyder"));

    private Lexicon() {}

    static boolean firstName(String lower) {
        return anyPart(lower, FIRST);
    }

    static boolean lastName(String lower) {
        return anyPart(lower, LAST);
    }

    /** A known name that needs no further evidence ("Priya", "Kowalczyk"), as opposed to "Will" or "Brown". */
    static boolean unambiguousName(String lower) {
        String plain = plain(lower);
        return (firstName(lower) || lastName(lower)) && !AMBIGUOUS.contains(plain) && !COMMON.contains(plain);
    }

    /** "lucía" is found as "lucia", "jean-luc" through "jean". */
    private static boolean anyPart(String lower, Set<String> set) {
        String plain = plain(lower);
        if (set.contains(lower) || set.contains(plain)) return true;
        if (plain.indexOf('-') > 0) {
            for (String part : plain.split("-")) {
                if (part.length() > 2 && set.contains(part) && !AMBIGUOUS.contains(part)) return true;
            }
        }
        return false;
    }

    static String plain(String lower) {
        String n = java.text.Normalizer.normalize(lower, java.text.Normalizer.Form.NFD);
        return n.replaceAll("\\p{M}+", "").replace('ø', 'o').replace('ł', 'l').replace('đ', 'd').replace('æ', 'a');
    }

    static boolean common(String lower) {
        return COMMON.contains(lower) && !FIRST.contains(lower) && !LAST.contains(lower);
    }

    private static Set<String> load(String name) {
        Set<String> words = new HashSet<>();
        try (InputStream in = Lexicon.class.getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("missing resource " + name);
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = r.readLine()) != null; ) {
                if (line.startsWith("#")) continue;
                for (String w : line.strip().split("\\s+")) {
                    if (!w.isEmpty()) words.add(w.toLowerCase(Locale.ROOT));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Set.copyOf(words);
    }
}
