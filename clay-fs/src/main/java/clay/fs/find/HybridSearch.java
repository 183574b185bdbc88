package clay.fs.find;

import clay.fs.index.Embedder;
import clay.fs.index.Rm3;
import clay.fs.index.SearchIndex;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * One hybrid search as ClayFS runs it: BM25 (optionally expanded by {@link Rm3}) and vector kNN over chunks, each
 * turned into a file ranking with {@link Aggregation}, fused with {@link Fusion}. The benchmark runs exactly this.
 *
 * @param candidates chunks fetched from each of the two searches
 */
public record HybridSearch(Fusion fusion, Aggregation aggregation, Optional<Rm3> expansion, int candidates) {
    public HybridSearch {
        if (candidates < 1) throw new IllegalArgumentException("candidates must be >= 1, got " + candidates);
    }

    /** The recipe chosen on the tuning collections and frozen (docs/benchmarks/retrieval.md). */
    public static HybridSearch defaults() {
        return new HybridSearch(Fusion.defaults(), Aggregation.MAX, Optional.empty(), 200);
    }

    public HybridSearch withFusion(Fusion f) {
        return new HybridSearch(f, aggregation, expansion, candidates);
    }

    public HybridSearch withAggregation(Aggregation a) {
        return new HybridSearch(fusion, a, expansion, candidates);
    }

    public HybridSearch withExpansion(Optional<Rm3> e) {
        return new HybridSearch(fusion, aggregation, e, candidates);
    }

    public HybridSearch withCandidates(int n) {
        return new HybridSearch(fusion, aggregation, expansion, n);
    }

    /** The BM25 side alone, as a file ranking. */
    public List<HybridRanker.Scored> text(SearchIndex index, String query, Optional<Collection<String>> only) {
        return HybridRanker.perFile(expansion.map(e -> index.text(query, candidates, only, e))
                .orElseGet(() -> index.text(query, candidates, only)), aggregation);
    }

    /** The vector side alone, as a file ranking. */
    public List<HybridRanker.Scored> vector(SearchIndex index, float[] queryVector, Optional<Collection<String>> only) {
        return HybridRanker.perFile(index.vector(queryVector, candidates, only), aggregation);
    }

    /** Both sides, fused. */
    public List<HybridRanker.Fused> search(SearchIndex index, Embedder embedder, String query, Optional<Collection<String>> only) {
        return HybridRanker.fuse(text(index, query, only), vector(index, embedder.embedQuery(query), only), fusion);
    }
}
