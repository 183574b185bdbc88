package clay.intelligence.proxy;

import java.text.Normalizer;
import java.util.Map;

/**
 * A text as the detectors read it, with every character mapped back to the characters of the original it came from,
 * so a value found here is replaced in the original wherever and however it was written. Folded are the disguises a
 * reader sees through but a pattern does not: compatibility forms (NFKC: full-width {@code ４１１１}, {@code ＠}),
 * every kind of space as a plain space, invisible characters (zero-width spaces and joiners, soft hyphens, BOM)
 * dropped, dashes as {@code -}, Cyrillic and Greek look-alikes inside words that also hold Latin letters or digits
 * ({@code tоm.becker} with a Cyrillic {@code о}) or standing alone as one letter, and letters spelled out one by one
 * ({@code m a r i a}) joined.
 *
 * @param text the folded text
 * @param starts for each character of {@code text}, where its source begins in the original
 * @param ends for each character of {@code text}, where its source ends in the original
 */
record Normalized(String text, int[] starts, int[] ends) {

    private static final Map<Character, Character> LOOK_ALIKES = lookAlikes();

    static Normalized of(String original) {
        StringBuilder out = new StringBuilder(original.length());
        IntList starts = new IntList(original.length()), ends = new IntList(original.length());
        for (int i = 0; i < original.length(); ) {
            int cp = original.codePointAt(i);
            int next = i + Character.charCount(cp);
            String folded = fold(cp);
            for (int k = 0; k < folded.length(); k++) {
                out.append(folded.charAt(k));
                starts.add(i);
                ends.add(next);
            }
            i = next;
        }
        char[] chars = out.toString().toCharArray();
        foldLookAlikes(chars);
        boolean[] drop = spelledOut(chars);
        StringBuilder text = new StringBuilder(chars.length);
        IntList s2 = new IntList(chars.length), e2 = new IntList(chars.length);
        for (int i = 0; i < chars.length; i++) {
            if (drop[i]) continue;
            text.append(chars[i]);
            s2.add(starts.get(i));
            e2.add(ends.get(i));
        }
        return new Normalized(text.toString(), s2.toArray(), e2.toArray());
    }

    /** Where the folded character at {@code start} begins in the original. */
    int originalStart(int start) {
        return starts[start];
    }

    /** Where the folded text up to {@code end} (exclusive) ends in the original. */
    int originalEnd(int end) {
        return ends[end - 1];
    }

    private static String fold(int cp) {
        if (cp == '\n' || cp == '\r' || cp == '\t') return String.valueOf((char) cp);
        int type = Character.getType(cp);
        if (type == Character.FORMAT || cp == 0x00AD || cp == 0x034F || cp == 0x180E) return ""; // ZWSP, ZWJ, BOM, soft hyphen
        if (Character.isSpaceChar(cp) || Character.isWhitespace(cp)) return " ";
        if (type == Character.DASH_PUNCTUATION || cp == 0x2212) return "-";
        if (cp < 0x80) return String.valueOf((char) cp);
        String n = Normalizer.normalize(new String(Character.toChars(cp)), Normalizer.Form.NFKC);
        // a compatibility form that expands into spaces or several words (e.g. "㍱") stays one visible unit
        return n.isEmpty() ? " " : n;
    }

    /** Replaces Cyrillic/Greek look-alikes in a word that also holds a Latin letter, a digit or an {@code @}, or stands alone. */
    private static void foldLookAlikes(char[] c) {
        int i = 0;
        while (i < c.length) {
            if (c[i] == ' ' || c[i] == '\n') {
                i++;
                continue;
            }
            int j = i;
            boolean latin = false, lookAlike = false;
            int letters = 0;
            while (j < c.length && c[j] != ' ' && c[j] != '\n') {
                char ch = c[j];
                if (Character.isLetter(ch)) letters++;
                if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '@') latin = true;
                if (LOOK_ALIKES.containsKey(ch)) lookAlike = true;
                j++;
            }
            if (lookAlike && (latin || letters == 1)) { // a lone letter: "QQ 12 34 56 С." with a Cyrillic С
                for (int k = i; k < j; k++) c[k] = LOOK_ALIKES.getOrDefault(c[k], c[k]);
            }
            i = j;
        }
    }

    /**
     * Marks the spaces of a run of at least four single letters or digits separated by single spaces
     * ({@code m a r i a}, {@code 4 1 1 1}) so the run reads as one word.
     */
    private static boolean[] spelledOut(char[] c) {
        boolean[] drop = new boolean[c.length];
        int i = 0;
        while (i < c.length) {
            if (!single(c, i)) {
                i++;
                continue;
            }
            int j = i, count = 1;
            while (j + 2 < c.length && c[j + 1] == ' ' && single(c, j + 2)) {
                j += 2;
                count++;
            }
            if (count >= 4) {
                for (int k = i + 1; k < j; k += 2) drop[k] = true;
            }
            i = j + 1;
        }
        return drop;
    }

    /** A letter or digit standing alone between non-word characters, or a lone '@' or '.' as in "a @ b . c". */
    private static boolean single(char[] c, int i) {
        if (!Character.isLetterOrDigit(c[i]) && c[i] != '@' && c[i] != '.') return false;
        boolean before = i == 0 || !Character.isLetterOrDigit(c[i - 1]);
        boolean after = i + 1 == c.length || !Character.isLetterOrDigit(c[i + 1]);
        return before && after;
    }

    private static Map<Character, Character> lookAlikes() {
        String pairs = // Cyrillic
                "аaвbеeёeкkмmнhоoрpсcтtуyхxѕsіiїiјjԁdԛqԝwһhӏlаa"
                        + "АAВBЕEЁEКKМMНHОOРPСCТTХXУYЅSІIЇIЈJԌGԚQԜW"
                        // Greek
                        + "αaοoνvρpτtιiκkυuχxεeΑAΒBΕEΖZΗHΙIΚKΜMΝNΟOΡPΤTΥYΧX"
                        // Latin look-alikes NFKC keeps
                        + "ıiȷjɑaɡgꞮI";
        Map<Character, Character> m = new java.util.HashMap<>();
        for (int i = 0; i + 1 < pairs.length(); i += 2) m.put(pairs.charAt(i), pairs.charAt(i + 1));
        return Map.copyOf(m);
    }

    /** A growable int array (the maps are built once per text, one entry per character). */
    private static final class IntList {
        private int[] a;
        private int n;

        IntList(int capacity) {
            a = new int[Math.max(capacity, 4)];
        }

        void add(int v) {
            if (n == a.length) a = java.util.Arrays.copyOf(a, n * 2);
            a[n++] = v;
        }

        int get(int i) {
            return a[i];
        }

        int[] toArray() {
            return java.util.Arrays.copyOf(a, n);
        }
    }
}
