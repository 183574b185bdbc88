package clay.fs.find;

import clay.fs.index.ChunkHit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Turns chunk hits into file rankings and fuses the BM25 and vector rankings. Pure functions, shared with the benchmark. */
public final class HybridRanker {
    private HybridRanker() {}

    /** A file's place in one ranking: its best chunk's score and the 1-based rank. */
    public record Scored(String id, double score, int rank, int chunk, String text) {}

    /** A file's place in the fused ranking, with where it stood in each single ranking (for explanations). */
    public record Fused(String id, double score, Optional<Scored> text, Optional<Scored> vector) {}

    /** Best chunk per file, in descending score order. */
    public static List<Scored> perFile(List<ChunkHit> hits) {
        return perFile(hits, Aggregation.MAX);
    }

    /** One entry per file, scored by {@code aggregation} over its chunks, showing its best chunk; descending. */
    public static List<Scored> perFile(List<ChunkHit> hits, Aggregation aggregation) {
        Map<String, ChunkHit> best = new LinkedHashMap<>();
        Map<String, Double> sum = new HashMap<>();
        for (ChunkHit h : hits) {
            best.merge(h.fileId(), h, (a, b) -> b.score() > a.score() ? b : a);
            sum.merge(h.fileId(), (double) h.score(), Double::sum);
        }
        List<Scored> out = new ArrayList<>(best.size());
        for (ChunkHit h : best.values()) {
            double score = aggregation == Aggregation.SUM ? sum.get(h.fileId()) : h.score();
            out.add(new Scored(h.fileId(), score, 0, h.chunk(), h.text()));
        }
        out.sort(Comparator.comparingDouble(Scored::score).reversed());
        for (int i = 0; i < out.size(); i++) {
            Scored s = out.get(i);
            out.set(i, new Scored(s.id(), s.score(), i + 1, s.chunk(), s.text()));
        }
        return out;
    }

    public static List<Fused> fuse(List<Scored> text, List<Scored> vector, Fusion fusion) {
        Map<String, Scored> t = index(text);
        Map<String, Scored> v = index(vector);
        Map<String, Double> score = new HashMap<>();
        switch (fusion) {
            case Fusion.Rrf r -> {
                for (Scored s : text) score.merge(s.id(), r.textWeight() / (r.k() + s.rank()), Double::sum);
                for (Scored s : vector) score.merge(s.id(), r.vectorWeight() / (r.k() + s.rank()), Double::sum);
            }
            case Fusion.Convex c -> {
                double maxT = text.isEmpty() ? 1 : Math.max(1e-9, text.getFirst().score());
                double maxV = vector.isEmpty() ? 1 : vector.getFirst().score();
                double span = Math.max(1e-9, maxV - c.floor());
                for (Scored s : text) score.merge(s.id(), c.alpha() * s.score() / maxT, Double::sum);
                for (Scored s : vector) {
                    double n = Math.max(0, Math.min(1, (s.score() - c.floor()) / span));
                    score.merge(s.id(), (1 - c.alpha()) * n, Double::sum);
                }
            }
            case Fusion.Dbsf d -> {
                spread(text, d.textWeight(), score);
                spread(vector, 1 - d.textWeight(), score);
            }
        }
        List<Fused> out = new ArrayList<>(score.size());
        score.forEach((id, s) -> out.add(new Fused(id, s, Optional.ofNullable(t.get(id)), Optional.ofNullable(v.get(id)))));
        out.sort(Comparator.comparingDouble(Fused::score).reversed().thenComparing(Fused::id));
        return out;
    }

    private static void spread(List<Scored> list, double weight, Map<String, Double> score) {
        if (list.isEmpty()) return;
        double mean = list.stream().mapToDouble(Scored::score).average().orElse(0);
        double var = list.stream().mapToDouble(s -> (s.score() - mean) * (s.score() - mean)).average().orElse(0);
        double sd = Math.sqrt(var);
        double lo = mean - 3 * sd, span = Math.max(1e-9, 6 * sd);
        for (Scored s : list) score.merge(s.id(), weight * Math.max(0, Math.min(1, (s.score() - lo) / span)), Double::sum);
    }

    private static Map<String, Scored> index(List<Scored> list) {
        Map<String, Scored> m = new HashMap<>();
        for (Scored s : list) m.put(s.id(), s);
        return m;
    }
}
