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
public record HybridSearch(Fusion fusion, Aggregation aggregation, Optional<Rm3> expansion, Optional<VectorFeedback> feedback,
        int candidates) {
    public HybridSearch {
        if (candidates < 1) throw new IllegalArgumentException("candidates must be >= 1, got " + candidates);
    }

    /** The recipe chosen on the tuning collections and frozen (docs/benchmarks/retrieval.md). */
    public static HybridSearch defaults() {
        return new HybridSearch(Fusion.defaults(), Aggregation.MAX, Optional.empty(), Optional.empty(), 200);
    }

    public HybridSearch withFusion(Fusion f) {
        return new HybridSearch(f, aggregation, expansion, feedback, candidates);
    }

    public HybridSearch withAggregation(Aggregation a) {
        return new HybridSearch(fusion, a, expansion, feedback, candidates);
    }

    public HybridSearch withExpansion(Optional<Rm3> e) {
        return new HybridSearch(fusion, aggregation, e, feedback, candidates);
    }

    public HybridSearch withFeedback(Optional<VectorFeedback> f) {
        return new HybridSearch(fusion, aggregation, expansion, f, candidates);
    }

    public HybridSearch withCandidates(int n) {
        return new HybridSearch(fusion, aggregation, expansion, feedback, n);
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

    /** Both sides, fused (and with {@link VectorFeedback}, fused again after the second vector search). */
    public List<HybridRanker.Fused> search(SearchIndex index, Embedder embedder, String query, Optional<Collection<String>> only) {
        List<HybridRanker.Scored> text = text(index, query, only);
        float[] q = embedder.embedQuery(query);
        List<HybridRanker.Fused> fused = HybridRanker.fuse(text, vector(index, q, only), fusion);
        if (feedback.isEmpty() || fused.isEmpty()) return fused;
        return HybridRanker.fuse(text, vector(index, moved(index, q, fused, feedback.get()), only), fusion);
    }

    /** The query vector moved towards the mean vector of the top files of {@code ranking}. */
    public static float[] moved(SearchIndex index, float[] q, List<HybridRanker.Fused> ranking, VectorFeedback fb) {
        float[] sum = new float[q.length];
        int n = 0;
        for (HybridRanker.Fused f : ranking.subList(0, Math.min(fb.docs(), ranking.size()))) {
            Optional<float[]> v = index.fileVector(f.id());
            if (v.isEmpty()) continue;
            for (int i = 0; i < sum.length; i++) sum[i] += v.get()[i];
            n++;
        }
        if (n == 0) return q;
        float[] out = new float[q.length];
        for (int i = 0; i < q.length; i++) out[i] = q[i] + (float) (fb.weight() * sum[i] / n);
        return Embedder.normalized(out);
    }
}
