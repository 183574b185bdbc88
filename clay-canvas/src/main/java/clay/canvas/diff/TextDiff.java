package clay.canvas.diff;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Word-level differences between two texts (Myers' O((N+M)D) algorithm on word, space and punctuation tokens).
 * Concatenating the {@code SAME} and {@code ADDED} segments gives back the new text; {@code SAME} and {@code REMOVED}
 * give back the old one.
 *
 * <pre>{@code
 * List<TextDiff.Segment> d = TextDiff.words("the fee is $10", "the fee is $12");
 * }</pre>
 */
public final class TextDiff {
    /** Beyond this many edits the texts are treated as unrelated (one removal, one addition). */
    private static final int MAX_EDITS = 4000;
    private static final Pattern TOKEN = Pattern.compile("\\s+|[\\p{L}\\p{N}_]+(?:[.,'’-][\\p{L}\\p{N}_]+)*|.", Pattern.DOTALL);

    public enum Op { SAME, ADDED, REMOVED }

    public record Segment(Op op, String text) {
        public String opName() {
            return op.name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private TextDiff() {}

    public static List<Segment> words(String oldText, String newText) {
        List<String> a = tokens(oldText), b = tokens(newText);
        int pre = 0;
        while (pre < a.size() && pre < b.size() && a.get(pre).equals(b.get(pre))) pre++;
        int suf = 0;
        while (suf < a.size() - pre && suf < b.size() - pre
                && a.get(a.size() - 1 - suf).equals(b.get(b.size() - 1 - suf))) suf++;
        List<Segment> out = new ArrayList<>();
        add(out, Op.SAME, a.subList(0, pre));
        middle(out, a.subList(pre, a.size() - suf), b.subList(pre, b.size() - suf));
        add(out, Op.SAME, a.subList(a.size() - suf, a.size()));
        return cleanup(out);
    }

    /**
     * Makes changes read as phrases: a short run of equal text (spaces, "the") between two changes joins them, and
     * each run of changes becomes one removal followed by one addition.
     */
    static List<Segment> cleanup(List<Segment> in) {
        List<Segment> out = new ArrayList<>();
        StringBuilder removed = new StringBuilder(), added = new StringBuilder();
        for (int i = 0; i < in.size(); i++) {
            Segment s = in.get(i);
            boolean between = i > 0 && i + 1 < in.size() && in.get(i - 1).op() != Op.SAME && in.get(i + 1).op() != Op.SAME;
            if (s.op() == Op.SAME && !(between && s.text().strip().length() <= 4)) {
                flush(out, removed, added);
                out.add(s);
            } else if (s.op() == Op.SAME) {
                removed.append(s.text());
                added.append(s.text());
            } else {
                (s.op() == Op.REMOVED ? removed : added).append(s.text());
            }
        }
        flush(out, removed, added);
        return out;
    }

    private static void flush(List<Segment> out, StringBuilder removed, StringBuilder added) {
        if (!removed.isEmpty()) out.add(new Segment(Op.REMOVED, removed.toString()));
        if (!added.isEmpty()) out.add(new Segment(Op.ADDED, added.toString()));
        removed.setLength(0);
        added.setLength(0);
    }

    static List<String> tokens(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = TOKEN.matcher(text);
        while (m.find()) out.add(m.group());
        return out;
    }

    private static void middle(List<Segment> out, List<String> a, List<String> b) {
        int n = a.size(), m = b.size(), max = n + m;
        if (n == 0 || m == 0) {
            add(out, Op.REMOVED, a);
            add(out, Op.ADDED, b);
            return;
        }
        int offset = max + 1;
        int[] v = new int[2 * max + 3];
        List<int[]> trace = new ArrayList<>();
        int dFound = -1;
        for (int d = 0; d <= Math.min(max, MAX_EDITS); d++) {
            int[] snap = new int[2 * d + 1];
            for (int k = -d; k <= d; k += 2) {
                int x = (k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1])) ? v[offset + k + 1] : v[offset + k - 1] + 1;
                int y = x - k;
                while (x < n && y < m && a.get(x).equals(b.get(y))) { x++; y++; }
                v[offset + k] = x;
                if (x >= n && y >= m) { dFound = d; break; }
            }
            for (int k = -d; k <= d; k++) snap[k + d] = v[offset + k];
            trace.add(snap);
            if (dFound >= 0) break;
        }
        if (dFound < 0) {
            add(out, Op.REMOVED, a);
            add(out, Op.ADDED, b);
            return;
        }
        List<Segment> rev = new ArrayList<>();
        int x = n, y = m;
        for (int d = dFound; d > 0; d--) {
            int[] prev = trace.get(d - 1);
            int k = x - y;
            boolean down = k == -d || (k != d && at(prev, d - 1, k - 1) < at(prev, d - 1, k + 1));
            int pk = down ? k + 1 : k - 1;
            int px = at(prev, d - 1, pk), py = px - pk;
            while (x > px && y > py) { rev.add(new Segment(Op.SAME, a.get(x - 1))); x--; y--; }
            if (down) rev.add(new Segment(Op.ADDED, b.get(y - 1)));
            else rev.add(new Segment(Op.REMOVED, a.get(x - 1)));
            x = px;
            y = py;
        }
        while (x > 0 && y > 0) { rev.add(new Segment(Op.SAME, a.get(x - 1))); x--; y--; }
        for (int i = rev.size() - 1; i >= 0; i--) append(out, rev.get(i).op(), rev.get(i).text());
    }

    private static int at(int[] snap, int d, int k) {
        int i = k + d;
        return i < 0 || i >= snap.length ? -1 : snap[i];
    }

    private static void add(List<Segment> out, Op op, List<String> tokens) {
        if (!tokens.isEmpty()) append(out, op, String.join("", tokens));
    }

    private static void append(List<Segment> out, Op op, String text) {
        if (!out.isEmpty() && out.getLast().op() == op) {
            out.set(out.size() - 1, new Segment(op, out.getLast().text() + text));
        } else {
            out.add(new Segment(op, text));
        }
    }
}
