package clay.cli.bench;

import clay.fs.bench.IrCollections;
import clay.fs.bench.RetrievalBench;
import clay.fs.index.Embedder;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code clay bench retrieval}: ClayFS's hybrid retrieval on a public test collection (CISI, Cranfield, CACM, NPL,
 * MEDLINE, TIME, LISA or a BEIR directory), in-process with a temp index; nDCG@10 of BM25, vectors and hybrid from one
 * run, the ratio, query latency and indexing speed, each against its target.
 */
@Command(name = "retrieval", mixinStandardHelpOptions = true,
        description = "ClayFS hybrid retrieval on a public IR collection: nDCG@10 bm25/vector/hybrid, ratio, p50/p95, docs/s, met/not met.")
public final class RetrievalBenchCommand implements Callable<Integer> {
    @Option(names = "--collection", required = true, paramLabel = "DIR", description = "Directory holding the collection's files "
            + "(see bench/README.md).") Path collection;

    @Option(names = "--format", defaultValue = "auto", description = "cisi, cran, cacm, npl, med, time, lisa, beir or auto "
            + "(from the file names; default).") String format;

    @Option(names = "--model", description = "Embedding model: minilm or bge-small (default: what ClayFS ships).") String model;

    @Option(names = "--explore", description = "Also report every alternative ranking tried (fusions, RM3, aggregation, query instruction).")
    boolean explore;

    @Option(names = "--json") boolean json;

    @Override
    public Integer call() throws Exception {
        if (BenchJvm.quickStart()) return inDaemonLikeJvm();
        RetrievalBench.Options d = RetrievalBench.Options.defaults();
        Embedder embedder = model == null ? d.embedder() : Embedder.named(model);
        var opt = new RetrievalBench.Options(embedder, d.recipe(), d.chunkTokens(), d.batch(), explore);
        String name = collection.toAbsolutePath().normalize().getFileName().toString();
        RetrievalBench.Result r = RetrievalBench.run(name, IrCollections.load(collection, format), opt);
        System.out.println(json ? r.toJson().toPrettyString() : r.toText());
        return 0;
    }

    private int inDaemonLikeJvm() throws Exception {
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("bench", "retrieval", "--collection",
                collection.toAbsolutePath().toString(), "--format", format));
        if (model != null) args.addAll(java.util.List.of("--model", model));
        if (explore) args.add("--explore");
        if (json) args.add("--json");
        return BenchJvm.rerun(args);
    }
}
