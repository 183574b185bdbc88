package clay.fs.find;

/**
 * Pseudo-relevance feedback on the vector side (Rocchio): after a first fused ranking, the query vector is moved
 * towards the mean vector of the top {@code docs} files, {@code q' = q + weight * mean}, and the vector search runs
 * again. The fused ranking is a better judge of what is relevant than either search alone, so its top files pull
 * the query towards the vocabulary and topic the collection uses for it. Costs one more vector search.
 */
public record VectorFeedback(int docs, double weight) {
    public VectorFeedback {
        if (docs < 1 || docs > 50) throw new IllegalArgumentException("vector feedback docs must be in 1..50, got " + docs);
        if (weight < 0 || weight > 10) throw new IllegalArgumentException("vector feedback weight must be in [0,10], got " + weight);
    }
}
