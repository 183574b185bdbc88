package clay.fs.bench;

import clay.fs.extract.Chunker;
import clay.fs.find.Aggregation;
import clay.fs.find.Fusion;
import clay.fs.find.HybridRanker;
import clay.fs.find.HybridSearch;
import clay.fs.find.VectorFeedback;
import clay.fs.index.Embedder;
import clay.fs.index.Rm3;
import clay.fs.index.SearchIndex;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code clay bench retrieval}: indexes one collection with ClayFS's indexing path (chunker, embedder, Lucene index),
 * runs every judged query with the shipped {@link HybridSearch} recipe and reports, from that one run, nDCG@10 of
 * BM25 alone, vectors alone and hybrid, their ratio, query latency and indexing throughput against Clay's targets.
 * With {@code explore}, also every alternative tried (fusions, RM3, aggregation, query instruction), computed from the
 * same candidate lists, so the choice of recipe can be made on tuning collections and checked on the others.
 */
public final class RetrievalBench {
    /** Clay's targets for ClayFS retrieval. */
    public static final double TARGET_RATIO = 1.25, TARGET_P50_MS = 30, TARGET_DOCS_PER_SECOND = 60;

    private RetrievalBench() {}

    public record Options(Embedder embedder, HybridSearch recipe, int chunkTokens, int batch, boolean explore) {
        public static Options defaults() {
            return new Options(Embedder.defaults(), HybridSearch.defaults(), 240, 64, false);
        }
    }

    /** One way of ranking and its quality over all judged queries. */
    public record Row(String name, double ndcg10, double recall100) {}

    public record Result(String collection, int docs, int chunks, int queries, String model, FsBench.Method bm25,
            FsBench.Method vector, FsBench.Method hybrid, double docsPerSecond, double docsPerCpuSecond, double loadAverage,
            List<Row> variants) {
        public double ratio() {
            return bm25.ndcg10() == 0 ? Double.NaN : hybrid.ndcg10() / bm25.ndcg10();
        }

        public boolean ratioMet() {
            return ratio() >= TARGET_RATIO;
        }

        public boolean latencyMet() {
            return hybrid.p50ms() < TARGET_P50_MS;
        }

        public boolean indexingMet() {
            return docsPerSecond >= TARGET_DOCS_PER_SECOND;
        }

        public String toText() {
            StringBuilder b = new StringBuilder(String.format("%s: %d docs, %d chunks, %d judged queries, model %s, %d cores, load average %.1f%n",
                    collection, docs, chunks, queries, model, Runtime.getRuntime().availableProcessors(), loadAverage));
            b.append(String.format("%-10s %8s %10s %8s %8s%n", "method", "nDCG@10", "Recall@100", "p50 ms", "p95 ms"));
            for (var e : Map.of("bm25", bm25, "vector", vector, "hybrid", hybrid).entrySet().stream()
                    .sorted(Map.Entry.comparingByKey((x, y) -> order(x) - order(y))).toList()) {
                FsBench.Method m = e.getValue();
                b.append(String.format("%-10s %8.4f %10.4f %8.2f %8.2f%n", e.getKey(), m.ndcg10(), m.recall100(), m.p50ms(), m.p95ms()));
            }
            b.append(String.format("hybrid / bm25 nDCG@10: %.3f (target >= %.2f: %s)%n", ratio(), TARGET_RATIO, met(ratioMet())));
            b.append(String.format("hybrid query p50: %.1f ms on %d chunks (target < %.0f ms at 100k chunks: %s here; see --synthetic)%n",
                    hybrid.p50ms(), chunks, TARGET_P50_MS, met(latencyMet())));
            b.append(String.format("indexing with embeddings: %.1f docs/s wall, %.1f docs per CPU-second (target >= %.0f docs/s wall: %s)%n",
                    docsPerSecond, docsPerCpuSecond, TARGET_DOCS_PER_SECOND, met(indexingMet())));
            if (!variants.isEmpty()) {
                b.append(String.format("%nalternatives (same run, same candidates):%n%-44s %8s %8s %10s%n", "ranking", "nDCG@10", "/ bm25", "Recall@100"));
                for (Row r : variants) {
                    b.append(String.format("%-44s %8.4f %8.3f %10.4f%n", r.name(), r.ndcg10(), r.ndcg10() / bm25.ndcg10(), r.recall100()));
                }
            }
            return b.toString();
        }

        public ObjectNode toJson() {
            ObjectNode o = new ObjectMapper().createObjectNode();
            o.put("collection", collection).put("docs", docs).put("chunks", chunks).put("queries", queries).put("model", model);
            for (var e : Map.of("bm25", bm25, "vector", vector, "hybrid", hybrid).entrySet()) {
                o.putObject(e.getKey()).put("ndcg@10", e.getValue().ndcg10()).put("recall@100", e.getValue().recall100())
                        .put("p50_ms", e.getValue().p50ms()).put("p95_ms", e.getValue().p95ms());
            }
            o.put("ratio", ratio()).put("ratio_met", ratioMet()).put("p50_met", latencyMet());
            o.put("docs_per_second", docsPerSecond).put("docs_per_cpu_second", docsPerCpuSecond).put("indexing_met", indexingMet());
            o.put("load_average", loadAverage).put("cores", Runtime.getRuntime().availableProcessors());
            var v = o.putArray("alternatives");
            for (Row r : variants) v.addObject().put("name", r.name()).put("ndcg@10", r.ndcg10()).put("recall@100", r.recall100());
            return o;
        }

        private static int order(String k) {
            return switch (k) {
                case "bm25" -> 0;
                case "vector" -> 1;
                default -> 2;
            };
        }

        private static String met(boolean b) {
            return b ? "met" : "not met";
        }
    }

    public static Result run(String name, Beir c, Options opt) {
        Path work = FsBench.tempDir();
        try (SearchIndex index = SearchIndex.open(work, opt.embedder().dimensions())) {
            BenchIndexing.Built built = BenchIndexing.build(index, opt.embedder(), new Chunker(opt.chunkTokens()), opt.batch(), c.corpus());
            List<String> qids = c.queries().keySet().stream().filter(c.qrels()::containsKey).toList();
            HybridSearch recipe = opt.recipe();
            for (String q : qids.subList(0, Math.min(10, qids.size()))) recipe.search(index, opt.embedder(), c.queries().get(q), Optional.empty());
            FsBench.Method bm25 = FsBench.evaluate(c, qids, q -> recipe.withExpansion(Optional.empty()).text(index, q, Optional.empty()));
            FsBench.Method vector = FsBench.evaluate(c, qids, q -> recipe.vector(index, opt.embedder().embedQuery(q), Optional.empty()));
            FsBench.Method hybrid = FsBench.evaluate(c, qids, q -> asScored(recipe.search(index, opt.embedder(), q, Optional.empty())));
            List<Row> variants = opt.explore() ? explore(c, qids, index, opt.embedder(), recipe) : List.of();
            return new Result(name, c.corpus().size(), built.chunks(), qids.size(), opt.embedder().name(), bm25, vector, hybrid,
                    built.docsPerSecond(), built.docsPerCpuSecond(),
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), variants);
        } finally {
            FsBench.deleteTree(work);
        }
    }

    static List<HybridRanker.Scored> asScored(List<HybridRanker.Fused> fused) {
        return fused.stream().map(x -> new HybridRanker.Scored(x.id(), x.score(), 0, 0, "")).toList();
    }

    /** The candidate lists of one query that every alternative is computed from. */
    private record Lists(List<HybridRanker.Scored> bm25, List<HybridRanker.Scored> bm25Sum, Map<String, List<HybridRanker.Scored>> rm3,
            List<HybridRanker.Scored> vector, List<HybridRanker.Scored> vectorSum, List<HybridRanker.Scored> vectorPlain,
            Map<String, List<HybridRanker.Scored>> feedback) {}

    private static final Map<String, VectorFeedback> FEEDBACK = Map.of("vector feedback(3,0.5)", new VectorFeedback(3, 0.5),
            "vector feedback(3,1.0)", new VectorFeedback(3, 1.0), "vector feedback(5,1.0)", new VectorFeedback(5, 1.0),
            "vector feedback(10,2.0)", new VectorFeedback(10, 2.0));

    private static final Map<String, Rm3> RM3 = Map.of("rm3(10,10,0.5)", Rm3.defaults(), "rm3(5,10,0.7)", new Rm3(5, 10, 0.7),
            "rm3(10,20,0.6)", new Rm3(10, 20, 0.6), "rm3(3,5,0.8)", new Rm3(3, 5, 0.8));

    private static List<Row> explore(Beir c, List<String> qids, SearchIndex index, Embedder embedder, HybridSearch recipe) {
        HybridSearch max = recipe.withExpansion(Optional.empty()).withAggregation(Aggregation.MAX);
        HybridSearch sum = max.withAggregation(Aggregation.SUM);
        Map<String, Lists> lists = new LinkedHashMap<>();
        for (String qid : qids) {
            String q = c.queries().get(qid);
            Map<String, List<HybridRanker.Scored>> rm3 = new LinkedHashMap<>();
            RM3.forEach((n, r) -> rm3.put(n, max.withExpansion(Optional.of(r)).text(index, q, Optional.empty())));
            float[] qv = embedder.embedQuery(q);
            float[] plain = embedder.embedDocuments(List.of(q)).getFirst();
            List<HybridRanker.Scored> bm = max.text(index, q, Optional.empty());
            List<HybridRanker.Scored> vec = max.vector(index, qv, Optional.empty());
            List<HybridRanker.Fused> first = HybridRanker.fuse(bm, vec, recipe.fusion());
            Map<String, List<HybridRanker.Scored>> fb = new LinkedHashMap<>();
            FEEDBACK.forEach((n, f) -> fb.put(n, max.vector(index, HybridSearch.moved(index, qv, first, f), Optional.empty())));
            lists.put(qid, new Lists(bm, sum.text(index, q, Optional.empty()), rm3, vec, sum.vector(index, qv, Optional.empty()),
                    max.vector(index, plain, Optional.empty()), fb));
        }
        Map<String, Function<Lists, List<HybridRanker.Scored>>> ways = new LinkedHashMap<>();
        ways.put("bm25", Lists::bm25);
        ways.put("bm25, chunks summed", Lists::bm25Sum);
        RM3.keySet().stream().sorted().forEach(n -> ways.put("bm25 + " + n, l -> l.rm3().get(n)));
        ways.put("vector", Lists::vector);
        ways.put("vector, chunks summed", Lists::vectorSum);
        ways.put("vector, query without instruction", Lists::vectorPlain);
        List<Fusion> fusions = new ArrayList<>();
        for (double a : new double[] {0.2, 0.3, 0.4, 0.5, 0.6, 0.7}) fusions.add(new Fusion.Convex(a, 0.1));
        fusions.add(new Fusion.Convex(0.5, 0.0));
        fusions.add(new Fusion.Convex(0.5, 0.3));
        fusions.add(new Fusion.Rrf(60, 1, 1));
        fusions.add(new Fusion.Rrf(20, 1, 1));
        fusions.add(new Fusion.Rrf(60, 1, 2));
        for (double w : new double[] {0.3, 0.5, 0.7}) fusions.add(new Fusion.Dbsf(w));
        for (Fusion f : fusions) {
            ways.put("hybrid " + FsBench.describe(f), l -> asScored(HybridRanker.fuse(l.bm25(), l.vector(), f)));
        }
        for (String n : RM3.keySet().stream().sorted().toList()) {
            for (Fusion f : fusions) {
                if (f instanceof Fusion.Rrf r && r.k() != 60) continue;
                ways.put("hybrid " + FsBench.describe(f) + " + " + n, l -> asScored(HybridRanker.fuse(l.rm3().get(n), l.vector(), f)));
            }
        }
        for (String n : FEEDBACK.keySet().stream().sorted().toList()) {
            for (Fusion f : fusions) {
                if (!(f instanceof Fusion.Convex cv) || cv.floor() != 0.1) continue;
                ways.put("hybrid " + FsBench.describe(f) + " + " + n, l -> asScored(HybridRanker.fuse(l.bm25(), l.feedback().get(n), f)));
            }
        }
        ways.put("hybrid " + FsBench.describe(recipe.fusion()) + ", chunks summed",
                l -> asScored(HybridRanker.fuse(l.bm25Sum(), l.vectorSum(), recipe.fusion())));
        ways.put("hybrid " + FsBench.describe(recipe.fusion()) + ", query without instruction",
                l -> asScored(HybridRanker.fuse(l.bm25(), l.vectorPlain(), recipe.fusion())));
        List<Row> rows = new ArrayList<>();
        ways.forEach((n, way) -> {
            double ndcg = 0, recall = 0;
            for (String qid : qids) {
                List<String> ranked = way.apply(lists.get(qid)).stream().map(HybridRanker.Scored::id).toList();
                ndcg += FsBench.ndcg10(ranked, c.qrels().get(qid));
                recall += FsBench.recall100(ranked, c.qrels().get(qid));
            }
            rows.add(new Row(n, ndcg / qids.size(), recall / qids.size()));
        });
        return rows;
    }
}
