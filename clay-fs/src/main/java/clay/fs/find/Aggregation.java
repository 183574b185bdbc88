package clay.fs.find;

/** How the scores of a file's chunks that a search found become the file's score. */
public enum Aggregation {
    /** The best chunk decides: a long file is not favoured for matching in many places. */
    MAX,
    /** Every chunk found adds its score: a file that matches in several places ranks higher. */
    SUM
}
