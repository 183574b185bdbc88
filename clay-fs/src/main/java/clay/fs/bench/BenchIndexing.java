package clay.fs.bench;

import clay.fs.extract.Chunk;
import clay.fs.extract.Chunker;
import clay.fs.index.Embedder;
import clay.fs.index.Indexer;
import clay.fs.index.SearchIndex;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Indexes a collection the way the ClayFS indexer does (title on each chunk, embeddings in batches) and times it. */
final class BenchIndexing {
    private BenchIndexing() {}

    record Built(int chunks, double docsPerSecond, double docsPerCpuSecond) {}

    static Built build(SearchIndex index, Embedder embedder, Chunker chunker, int batch, List<Beir.Doc> docs) {
        embedder.embedDocuments(List.of("warm up the model", "before timing the indexing"));
        long t0 = System.nanoTime();
        long cpu0 = cpuNanos();
        Map<String, List<Chunk>> pending = new LinkedHashMap<>();
        int pendingChunks = 0, total = 0;
        for (Beir.Doc d : docs) {
            String text = d.text().isBlank() ? (d.title().isBlank() ? d.id() : d.title()) : d.text();
            List<Chunk> chunks = Indexer.titled(d.title(), chunker.chunk(text));
            pending.put(d.id(), chunks);
            pendingChunks += chunks.size();
            if (pendingChunks >= batch) {
                total += flush(index, embedder, pending);
                pendingChunks = 0;
            }
        }
        total += flush(index, embedder, pending);
        index.commit();
        double wall = (System.nanoTime() - t0) / 1e9;
        double cpu = Math.max(1e-9, (cpuNanos() - cpu0) / 1e9);
        return new Built(total, docs.size() / wall, docs.size() / cpu);
    }

    private static int flush(SearchIndex index, Embedder embedder, Map<String, List<Chunk>> pending) {
        List<String> texts = new ArrayList<>();
        pending.values().forEach(cs -> cs.forEach(ch -> texts.add(ch.text())));
        if (texts.isEmpty()) return 0;
        List<float[]> vectors = embedder.embedDocuments(texts);
        int at = 0;
        for (var e : pending.entrySet()) {
            int n = e.getValue().size();
            index.replace(e.getKey(), e.getValue(), vectors.subList(at, at + n));
            at += n;
        }
        pending.clear();
        return at;
    }

    static long cpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : System.nanoTime();
    }
}
