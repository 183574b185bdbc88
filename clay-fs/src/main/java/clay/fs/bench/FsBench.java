package clay.fs.bench;

import clay.core.ClayException;
import clay.fs.extract.Chunk;
import clay.fs.extract.Chunker;
import clay.fs.find.Fusion;
import clay.fs.find.HybridRanker;
import clay.fs.index.Embedder;
import clay.fs.index.SearchIndex;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * {@code clay bench fs}: indexes a BEIR collection with the same chunking, embedder and Lucene index ClayFS uses,
 * then runs every query three ways (BM25, vector kNN, hybrid) and reports nDCG@10 (linear gains, as BEIR's
 * pytrec_eval), Recall@100, query latency p50/p95 (including the query embedding) and indexing throughput.
 *
 * <pre>{@code
 * FsBench.Result r = FsBench.run(FsBench.Options.defaults(), Beir.load(corpus, queries, qrels));
 * System.out.println(r.toJson());
 * }</pre>
 */
public final class FsBench {
    static final int CHUNKS_PER_QUERY = 300;

    private FsBench() {}

    /** Settings; {@code fusions} are all evaluated, the first is reported as {@code hybrid}. */
    public record Options(Embedder embedder, List<Fusion> fusions, int chunkTokens, int batch) {
        public static Options defaults() {
            return new Options(Embedder.defaults(), List.of(Fusion.defaults()), 240, 64);
        }
    }

    public record Method(double ndcg10, double recall100, double p50ms, double p95ms) {}

    /**
     * @param docsPerCpuSecond documents indexed per second of this process's CPU time: on a machine shared with other
     *     work, wall-clock throughput understates what dedicated cores do; this does not
     */
    public record Result(int docs, int chunks, int queries, double docsPerSecond, double docsPerCpuSecond, String model,
            Map<String, Method> methods) {
        public ObjectNode toJson() {
            ObjectNode o = new ObjectMapper().createObjectNode();
            methods.forEach((name, m) -> o.putObject(name).put("ndcg@10", round(m.ndcg10(), 4)).put("recall@100", round(m.recall100(), 4))
                    .put("p50_ms", round(m.p50ms(), 2)).put("p95_ms", round(m.p95ms(), 2)));
            o.put("docs_per_second", round(docsPerSecond, 1)).put("docs_per_cpu_second", round(docsPerCpuSecond, 1))
                    .put("load_average", round(java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), 2))
                    .put("docs", docs).put("chunks", chunks).put("queries", queries)
                    .put("model", model).put("cores", Runtime.getRuntime().availableProcessors());
            return o;
        }

        public String toText() {
            StringBuilder b = new StringBuilder(String.format("%d docs, %d chunks, %d queries, model %s, %d cores%n", docs, chunks, queries,
                    model, Runtime.getRuntime().availableProcessors()));
            b.append(model.contains("synthetic") ? String.format("indexing: %.1f chunks/s (synthetic vectors, no embedding)%n", docsPerSecond)
                    : String.format("indexing: %.1f docs/s wall, %.1f docs per CPU-second (with embeddings; load average %.1f)%n",
                            docsPerSecond, docsPerCpuSecond, java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
            b.append(String.format("%-22s %8s %10s %8s %8s%n", "method", "nDCG@10", "Recall@100", "p50 ms", "p95 ms"));
            methods.forEach((n, m) -> b.append(String.format("%-22s %8.4f %10.4f %8.2f %8.2f%n", n, m.ndcg10(), m.recall100(), m.p50ms(), m.p95ms())));
            return b.toString();
        }
    }

    public static Result run(Options opt, Beir beir) {
        Path work = tempDir();
        try (SearchIndex index = SearchIndex.open(work, opt.embedder().dimensions())) {
            Chunker chunker = new Chunker(opt.chunkTokens());
            opt.embedder().embedDocuments(List.of("warm up the model", "before timing the indexing"));
            long t0 = System.nanoTime();
            long cpu0 = cpuNanos();
            List<String> ids = new ArrayList<>();
            List<Chunk> chunks = new ArrayList<>();
            int total = 0;
            for (Beir.Doc d : beir.corpus()) {
                String text = d.title().isBlank() ? d.text() : d.title() + "\n" + d.text();
                for (Chunk c : chunker.chunk(text.isBlank() ? d.id() : text)) {
                    ids.add(d.id());
                    chunks.add(c);
                }
                if (chunks.size() >= opt.batch()) total += flush(index, opt.embedder(), ids, chunks);
            }
            total += flush(index, opt.embedder(), ids, chunks);
            index.commit();
            double docsPerSecond = beir.corpus().size() / ((System.nanoTime() - t0) / 1e9);
            double docsPerCpu = beir.corpus().size() / Math.max(1e-9, (cpuNanos() - cpu0) / 1e9);

            List<String> qids = beir.queries().keySet().stream().filter(beir.qrels()::containsKey).toList();
            Map<String, Method> methods = new LinkedHashMap<>();
            warmUp(index, opt.embedder(), beir, qids);
            methods.put("bm25", evaluate(beir, qids, q -> HybridRanker.perFile(index.text(q, CHUNKS_PER_QUERY, Optional.empty()))));
            methods.put("vector", evaluate(beir, qids, q -> vector(index, opt.embedder(), q)));
            for (int i = 0; i < opt.fusions().size(); i++) {
                Fusion f = opt.fusions().get(i);
                methods.put(i == 0 ? "hybrid" : "hybrid " + describe(f), evaluate(beir, qids, q -> HybridRanker.fuse(
                        HybridRanker.perFile(index.text(q, CHUNKS_PER_QUERY, Optional.empty())), vector(index, opt.embedder(), q), f)
                        .stream().map(x -> new HybridRanker.Scored(x.id(), x.score(), 0, 0, "")).toList()));
            }
            return new Result(beir.corpus().size(), total, qids.size(), docsPerSecond, docsPerCpu, opt.embedder().name(), methods);
        } finally {
            deleteTree(work);
        }
    }

    /**
     * Query latency at scale: {@code chunks} synthetic chunks (Zipf-distributed words, clustered unit vectors, so no
     * embedding cost at build time), then {@code queries} real queries (embedded with the real model) three ways.
     */
    public static Result latency(Options opt, int chunks, int queries, long seed) {
        Random rnd = new Random(seed);
        String[] vocab = new String[20_000];
        for (int i = 0; i < vocab.length; i++) vocab[i] = word(rnd, i);
        int dims = opt.embedder().dimensions();
        float[][] centres = new float[256][];
        for (int i = 0; i < centres.length; i++) centres[i] = unit(rnd, dims, null, 0);
        Path work = tempDir();
        try (SearchIndex index = SearchIndex.open(work, dims)) {
            long t0 = System.nanoTime();
            long cpu0 = cpuNanos();
            for (int i = 0; i < chunks; i++) {
                StringBuilder b = new StringBuilder();
                for (int w = 0; w < 120; w++) b.append(vocab[zipf(rnd, vocab.length)]).append(' ');
                index.replace("d" + i, List.of(new Chunk(0, b.toString())), List.of(unit(rnd, dims, centres[rnd.nextInt(centres.length)], 0.6f)));
            }
            index.commit();
            double perSecond = chunks / ((System.nanoTime() - t0) / 1e9);
            double perCpu = chunks / Math.max(1e-9, (cpuNanos() - cpu0) / 1e9);
            List<String> qs = new ArrayList<>();
            for (int i = 0; i < queries; i++) qs.add(vocab[zipf(rnd, 2000)] + " " + vocab[zipf(rnd, vocab.length)] + " " + vocab[zipf(rnd, vocab.length)]);
            Map<String, Method> methods = new LinkedHashMap<>();
            for (String q : qs.subList(0, Math.min(20, qs.size()))) vector(index, opt.embedder(), q);
            methods.put("bm25", timed(qs, q -> index.text(q, CHUNKS_PER_QUERY, Optional.empty()).size()));
            methods.put("vector", timed(qs, q -> vector(index, opt.embedder(), q).size()));
            // the recipe ClayFS ships (its fusion, expansion and candidate count), end to end with the query embedding
            clay.fs.find.HybridSearch recipe = clay.fs.find.HybridSearch.defaults();
            methods.put("hybrid", timed(qs, q -> recipe.search(index, opt.embedder(), q, Optional.empty()).size()));
            return new Result(chunks, index.chunkCount(), qs.size(), perSecond, perCpu, opt.embedder().name() + " (synthetic corpus)", methods);
        } finally {
            deleteTree(work);
        }
    }

    private static long cpuNanos() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : System.nanoTime();
    }

    private static int flush(SearchIndex index, Embedder embedder, List<String> ids, List<Chunk> chunks) {
        if (chunks.isEmpty()) return 0;
        List<float[]> vectors = embedder.embedDocuments(chunks.stream().map(Chunk::text).toList());
        Map<String, List<Integer>> byDoc = new LinkedHashMap<>();
        for (int i = 0; i < ids.size(); i++) byDoc.computeIfAbsent(ids.get(i), k -> new ArrayList<>()).add(i);
        byDoc.forEach((id, idx) -> index.replace(id, idx.stream().map(chunks::get).toList(), idx.stream().map(vectors::get).toList()));
        int n = chunks.size();
        ids.clear();
        chunks.clear();
        return n;
    }

    private static List<HybridRanker.Scored> vector(SearchIndex index, Embedder embedder, String q) {
        return HybridRanker.perFile(index.vector(embedder.embedQuery(q), CHUNKS_PER_QUERY, Optional.empty()));
    }

    private static void warmUp(SearchIndex index, Embedder embedder, Beir beir, List<String> qids) {
        for (String q : qids.subList(0, Math.min(20, qids.size()))) {
            index.text(beir.queries().get(q), CHUNKS_PER_QUERY, Optional.empty());
            vector(index, embedder, beir.queries().get(q));
        }
    }

    static Method evaluate(Beir beir, List<String> qids, Function<String, List<HybridRanker.Scored>> search) {
        double ndcg = 0, recall = 0;
        double[] ms = new double[qids.size()];
        for (int i = 0; i < qids.size(); i++) {
            String qid = qids.get(i);
            long t = System.nanoTime();
            List<HybridRanker.Scored> ranked = search.apply(beir.queries().get(qid));
            ms[i] = (System.nanoTime() - t) / 1e6;
            Map<String, Integer> rel = beir.qrels().get(qid);
            ndcg += ndcg10(ranked.stream().map(HybridRanker.Scored::id).toList(), rel);
            recall += recall100(ranked.stream().map(HybridRanker.Scored::id).toList(), rel);
        }
        return new Method(ndcg / qids.size(), recall / qids.size(), percentile(ms, 50), percentile(ms, 95));
    }

    private static Method timed(List<String> qs, Function<String, Integer> search) {
        double[] ms = new double[qs.size()];
        for (int i = 0; i < qs.size(); i++) {
            long t = System.nanoTime();
            search.apply(qs.get(i));
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        return new Method(Double.NaN, Double.NaN, percentile(ms, 50), percentile(ms, 95));
    }

    static double ndcg10(List<String> ranked, Map<String, Integer> rel) {
        double dcg = 0;
        for (int i = 0; i < Math.min(10, ranked.size()); i++) dcg += rel.getOrDefault(ranked.get(i), 0) / log2(i + 2);
        List<Integer> ideal = rel.values().stream().filter(g -> g > 0).sorted(Comparator.reverseOrder()).toList();
        double idcg = 0;
        for (int i = 0; i < Math.min(10, ideal.size()); i++) idcg += ideal.get(i) / log2(i + 2);
        return idcg == 0 ? 0 : dcg / idcg;
    }

    static double recall100(List<String> ranked, Map<String, Integer> rel) {
        long relevant = rel.values().stream().filter(g -> g > 0).count();
        if (relevant == 0) return 0;
        long found = ranked.stream().limit(100).filter(id -> rel.getOrDefault(id, 0) > 0).count();
        return (double) found / relevant;
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    static double percentile(double[] values, int p) {
        if (values.length == 0) return Double.NaN;
        double[] s = values.clone();
        Arrays.sort(s);
        return s[(int) Math.min(s.length - 1, Math.ceil(p / 100.0 * s.length) - 1)];
    }

    static String describe(Fusion f) {
        return switch (f) {
            case Fusion.Rrf r -> "rrf(k=" + r.k() + ",w=" + r.textWeight() + "/" + r.vectorWeight() + ")";
            case Fusion.Convex c -> "convex(a=" + c.alpha() + (c.floor() == 0.1 ? "" : ",floor=" + c.floor()) + ")";
            case Fusion.Dbsf d -> "dbsf(w=" + d.textWeight() + ")";
        };
    }

    private static double round(double v, int digits) {
        if (Double.isNaN(v)) return v;
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }

    private static String word(Random rnd, int i) {
        String letters = "abcdefghijklmnopqrstuvwxyz";
        StringBuilder b = new StringBuilder();
        int len = 4 + rnd.nextInt(6);
        for (int k = 0; k < len; k++) b.append(letters.charAt(rnd.nextInt(letters.length())));
        return b.append(i % 10).toString();
    }

    private static int zipf(Random rnd, int n) {
        return (int) Math.min(n - 1, Math.floor(Math.exp(rnd.nextDouble() * Math.log(n))) - 1);
    }

    private static float[] unit(Random rnd, int dims, float[] centre, float spread) {
        float[] v = new float[dims];
        for (int i = 0; i < dims; i++) v[i] = (centre == null ? 0 : centre[i]) + (float) rnd.nextGaussian() * (centre == null ? 1 : spread / (float) Math.sqrt(dims));
        return Embedder.normalized(v);
    }

    static Path tempDir() {
        try {
            return Files.createTempDirectory("clay-bench-fs");
        } catch (IOException e) {
            throw new ClayException("cannot create a temp directory: " + e.getMessage(), "check /tmp", e);
        }
    }

    static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // temp files; the OS cleans /tmp
        }
    }
}
