package clay.fs.find;

/**
 * How the BM25 and vector rankings are combined into one. Closed set: a {@code switch} over it is exhaustive.
 */
public sealed interface Fusion {
    /** Reciprocal rank fusion: {@code sum w / (k + rank)}; only ranks matter. */
    record Rrf(int k, double textWeight, double vectorWeight) implements Fusion {
        public Rrf {
            if (k < 1) throw new IllegalArgumentException("RRF k must be >= 1, got " + k);
        }
    }

    /**
     * Convex combination of normalised scores: {@code alpha * bm25/max(bm25) + (1 - alpha) * cosine'} where cosine is
     * rescaled from [{@code floor}, max] to [0, 1]. Uses how far apart the scores are, not just their order.
     */
    record Convex(double alpha, double floor) implements Fusion {
        public Convex {
            if (alpha < 0 || alpha > 1) throw new IllegalArgumentException("convex alpha must be in [0,1], got " + alpha);
        }
    }

    /**
     * Distribution-based score fusion: each ranking's scores are rescaled by their own spread, {@code (s - (mean - 3sd))
     * / 6sd} over the ranking's top candidates, clipped to [0, 1], then combined with {@code textWeight}. A stand-out
     * match in either ranking stays a stand-out; a flat ranking adds little.
     */
    record Dbsf(double textWeight) implements Fusion {
        public Dbsf {
            if (textWeight < 0 || textWeight > 1) throw new IllegalArgumentException("dbsf textWeight must be in [0,1], got " + textWeight);
        }
    }

    /** The default, chosen by measurement (docs/benchmarks/fs.md). */
    static Fusion defaults() {
        return new Convex(0.4, 0.1);
    }
}
