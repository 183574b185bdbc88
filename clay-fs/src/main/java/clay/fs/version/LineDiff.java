package clay.fs.version;

import java.util.ArrayList;
import java.util.List;

/**
 * A line diff in unified style ({@code " "} same, {@code "-"} removed, {@code "+"} added), by longest common
 * subsequence after trimming the common head and tail. Beyond {@value #MAX_CELLS} LCS cells the middle is shown as
 * removed-then-added: correct, just not minimal.
 */
public final class LineDiff {
    static final long MAX_CELLS = 4_000_000;

    private LineDiff() {}

    public static List<String> diff(String before, String after) {
        String[] a = before.split("\n", -1);
        String[] b = after.split("\n", -1);
        int head = 0;
        while (head < a.length && head < b.length && a[head].equals(b[head])) head++;
        int tail = 0;
        while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail].equals(b[b.length - 1 - tail])) tail++;
        List<String> out = new ArrayList<>();
        for (int i = 0; i < head; i++) out.add("  " + a[i]);
        int n = a.length - head - tail, m = b.length - head - tail;
        if ((long) n * m > MAX_CELLS) {
            for (int i = 0; i < n; i++) out.add("- " + a[head + i]);
            for (int j = 0; j < m; j++) out.add("+ " + b[head + j]);
        } else {
            int[][] lcs = new int[n + 1][m + 1];
            for (int i = n - 1; i >= 0; i--) {
                for (int j = m - 1; j >= 0; j--) {
                    lcs[i][j] = a[head + i].equals(b[head + j]) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
                }
            }
            int i = 0, j = 0;
            while (i < n || j < m) {
                if (i < n && j < m && a[head + i].equals(b[head + j])) {
                    out.add("  " + a[head + i++]);
                    j++;
                } else if (i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1])) {
                    out.add("- " + a[head + i++]);
                } else {
                    out.add("+ " + b[head + j++]);
                }
            }
        }
        for (int i = a.length - tail; i < a.length; i++) out.add("  " + a[i]);
        return out;
    }
}
