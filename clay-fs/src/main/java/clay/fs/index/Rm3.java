package clay.fs.index;

/**
 * Query expansion by pseudo-relevance feedback (RM3): the top {@code docs} chunks of a first BM25 search are taken as
 * relevant, the {@code terms} words most typical of them are added to the query, and each word's weight is
 * {@code originalWeight} times its share of the original query plus {@code 1 - originalWeight} times its feedback
 * weight. Helps when queries are long and written in other words than the documents; costs a second search.
 */
public record Rm3(int docs, int terms, double originalWeight) {
    public Rm3 {
        if (docs < 1 || docs > 100) throw new IllegalArgumentException("RM3 docs must be in 1..100, got " + docs);
        if (terms < 1 || terms > 200) throw new IllegalArgumentException("RM3 terms must be in 1..200, got " + terms);
        if (originalWeight < 0 || originalWeight > 1) {
            throw new IllegalArgumentException("RM3 originalWeight must be in [0,1], got " + originalWeight);
        }
    }

    /** Anserini's defaults: 10 feedback documents, 10 terms, original query weight 0.5. */
    public static Rm3 defaults() {
        return new Rm3(10, 10, 0.5);
    }
}
