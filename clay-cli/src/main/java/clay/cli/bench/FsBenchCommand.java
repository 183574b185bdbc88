package clay.cli.bench;

import clay.fs.bench.Beir;
import clay.fs.bench.FsBench;
import clay.fs.find.Fusion;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code clay bench fs}: retrieval quality and speed of ClayFS on a BEIR collection (in-process, temp index), or with
 * {@code --synthetic N} query latency on N synthetic chunks.
 */
@Command(name = "fs", description = "ClayFS retrieval: nDCG@10, Recall@100, latency for bm25/vector/hybrid; indexing docs/s.")
public final class FsBenchCommand implements Callable<Integer> {
    @Option(names = "--corpus", paramLabel = "corpus.jsonl") Path corpus;

    @Option(names = "--queries", paramLabel = "queries.jsonl") Path queries;

    @Option(names = "--qrels", paramLabel = "qrels.tsv") Path qrels;

    @Option(names = "--synthetic", paramLabel = "CHUNKS", description = "Latency run on this many synthetic chunks instead.")
    Integer synthetic;

    @Option(names = "--fusions", description = "Also report these fusions, e.g. rrf:60 convex:0.3 (the first line stays the default).")
    List<String> fusions = List.of();

    @Option(names = "--model", defaultValue = "minilm", description = "Embedding model: minilm (default) or bge-small.")
    String model;

    @Option(names = "--json") boolean json;

    @Override
    public Integer call() throws Exception {
        if (BenchJvm.quickStart()) {
            List<String> args = new java.util.ArrayList<>(List.of("bench", "fs", "--model", model));
            if (corpus != null) args.addAll(List.of("--corpus", corpus.toAbsolutePath().toString()));
            if (queries != null) args.addAll(List.of("--queries", queries.toAbsolutePath().toString()));
            if (qrels != null) args.addAll(List.of("--qrels", qrels.toAbsolutePath().toString()));
            if (synthetic != null) args.addAll(List.of("--synthetic", synthetic.toString()));
            for (String f : fusions) args.addAll(List.of("--fusions", f));
            if (json) args.add("--json");
            return BenchJvm.rerun(args);
        }
        FsBench.Options d = FsBench.Options.defaults();
        List<Fusion> all = new java.util.ArrayList<>(List.of(Fusion.defaults()));
        for (String f : fusions) all.add(parse(f));
        FsBench.Options opt = new FsBench.Options(clay.fs.index.Embedder.named(model), all, d.chunkTokens(), d.batch());
        FsBench.Result r;
        if (synthetic != null) {
            r = FsBench.latency(opt, synthetic, 200, 42);
        } else {
            if (corpus == null || queries == null || qrels == null) {
                throw new clay.core.InvalidInputException("--corpus, --queries and --qrels are required",
                        "pass a BEIR collection, or --synthetic 100000 for a latency run");
            }
            r = FsBench.run(opt, Beir.load(corpus, queries, qrels));
        }
        System.out.println(json ? r.toJson().toString() : r.toText());
        return 0;
    }

    static Fusion parse(String s) {
        String[] p = s.split(":");
        try {
            return switch (p[0]) {
                case "rrf" -> new Fusion.Rrf(p.length > 1 ? Integer.parseInt(p[1]) : 60, 1, 1);
                case "convex" -> new Fusion.Convex(p.length > 1 ? Double.parseDouble(p[1]) : 0.4, 0.1);
                case "dbsf" -> new Fusion.Dbsf(p.length > 1 ? Double.parseDouble(p[1]) : 0.5);
                default -> throw new IllegalArgumentException();
            };
        } catch (IllegalArgumentException e) {
            throw new clay.core.InvalidInputException("unknown fusion " + s, "use rrf:K, convex:ALPHA or dbsf:TEXT_WEIGHT");
        }
    }
}
