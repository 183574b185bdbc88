package clay.fs.find;

import java.util.List;

/** The answer to a find: how the query was read, and the ranked files with their reasons. */
public record FindResult(QueryReading reading, List<FindHit> hits) {

    /** A plain-text explanation, as {@code clay fs find --explain} prints it. */
    public String explain() {
        StringBuilder b = new StringBuilder("Query: ").append(reading.query()).append('\n');
        for (String n : reading.notes()) b.append("  - ").append(n).append('\n');
        for (FindHit h : hits) {
            b.append(h.rank()).append(". ").append(h.file().path()).append(String.format("  (score %.3f)", h.score())).append('\n');
            for (String w : h.why()) b.append("     ").append(w).append('\n');
        }
        return b.toString();
    }
}
