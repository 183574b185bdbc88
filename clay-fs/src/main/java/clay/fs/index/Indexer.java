package clay.fs.index;

import clay.fs.FileRecord;
import clay.fs.FileStatus;
import clay.fs.extract.Chunk;
import clay.fs.extract.Chunker;
import clay.fs.extract.Extraction;
import clay.fs.extract.TextExtractor;
import clay.fs.store.BlobStore;
import clay.fs.store.Catalog;
import clay.fs.tagging.TagStore;
import clay.fs.tagging.Tagging;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The background indexer: one thread takes queued files, extracts, tags, chunks, embeds and indexes them, commits the
 * Lucene index after each batch, and only then records them as indexed in the catalogue. A crash between the two
 * makes a file look unindexed, so it is simply redone at the next start. A file that fails is marked with a status
 * and skipped; nothing a file contains can stop the loop.
 */
public final class Indexer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Indexer.class);
    static final int BATCH = 32;
    static final Duration EXTRACT_TIMEOUT = Duration.ofSeconds(120);

    /** Progress of the queue, reported after each file: {@code done} of {@code total} since the queue was last empty. */
    public record Progress(int done, int total, String path, FileStatus status, String detail) {}

    /** A processed file; {@code toEmbed} holds its chunks when they still need vectors (embedded per batch). */
    private record Done(long id, String hash, FileStatus status, String detail, String mime, int chunks, List<Chunk> toEmbed) {
        Done(long id, String hash, FileStatus status, String detail, String mime, int chunks) {
            this(id, hash, status, detail, mime, chunks, List.of());
        }

        Done failed(String why) {
            return new Done(id, hash, FileStatus.MALFORMED, why, mime, 0, List.of());
        }
    }

    private final Catalog catalog;
    private final BlobStore blobs;
    private final TextExtractor extractor;
    private final Chunker chunker;
    private final Embedder embedder;
    private final SearchIndex index;
    private final TagStore tags;
    private final BiFunction<Extraction, String, Tagging> tagger;
    private final LinkedHashSet<Long> queue = new LinkedHashSet<>();
    private final List<Consumer<Progress>> listeners = new CopyOnWriteArrayList<>();
    private final Thread worker;
    private int done;
    private int total;
    private boolean busy;
    private volatile boolean closed;

    public Indexer(Catalog catalog, BlobStore blobs, TextExtractor extractor, Chunker chunker, Embedder embedder,
            SearchIndex index, TagStore tags, BiFunction<Extraction, String, Tagging> tagger) {
        this.catalog = catalog;
        this.blobs = blobs;
        this.extractor = extractor;
        this.chunker = chunker;
        this.embedder = embedder;
        this.index = index;
        this.tags = tags;
        this.tagger = tagger;
        this.worker = Thread.ofPlatform().name("clayfs-indexer").daemon().unstarted(this::loop);
        worker.start();
    }

    public void onProgress(Consumer<Progress> listener) {
        listeners.add(listener);
    }

    public synchronized void enqueue(long fileId) {
        if (closed) return;
        if (queue.add(fileId)) total++;
        notifyAll();
    }

    /** Waits until the queue is empty and the last batch is committed; false on timeout. */
    public synchronized boolean awaitIdle(Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!queue.isEmpty() || busy) {
            long left = end - System.nanoTime();
            if (left <= 0) return false;
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }

    public synchronized int queued() {
        return queue.size() + (busy ? 1 : 0);
    }

    private void loop() {
        while (!closed) {
            List<Long> batch = new ArrayList<>();
            synchronized (this) {
                while (queue.isEmpty() && !closed) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                var it = queue.iterator();
                while (it.hasNext() && batch.size() < BATCH) {
                    batch.add(it.next());
                    it.remove();
                }
                busy = true;
            }
            try {
                List<Done> finished = new ArrayList<>();
                for (long id : batch) {
                    if (closed) break;
                    Done d = safely(id);
                    if (d != null) finished.add(d);
                }
                finished = embedAndIndex(finished);
                index.commit();
                for (Done d : finished) {
                    catalog.markIndexed(d.id(), d.hash(), d.status(), d.detail(), d.mime(), d.chunks());
                }
            } catch (RuntimeException e) {
                log.warn("index batch failed; its files will be retried at the next start: {}", e.toString());
            } finally {
                synchronized (this) {
                    busy = false;
                    if (queue.isEmpty()) done = total = 0;
                    notifyAll();
                }
            }
        }
    }

    private Done safely(long id) {
        Optional<FileRecord> file = catalog.byId(id);
        if (file.isEmpty()) return null;
        FileRecord f = file.get();
        Done d;
        try {
            d = process(f);
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            log.warn("indexing {} failed: {}", f.path(), e.toString());
            d = new Done(id, f.hash(), FileStatus.MALFORMED, "indexing failed: " + e, f.mime(), 0);
        }
        int n;
        synchronized (this) {
            n = ++done;
        }
        Progress p = new Progress(n, Math.max(n, total), f.path(), d.status(), d.detail());
        for (Consumer<Progress> l : listeners) {
            try {
                l.accept(p);
            } catch (RuntimeException e) {
                log.debug("progress listener failed: {}", e.toString());
            }
        }
        return d;
    }

    private Done process(FileRecord f) {
        String id = String.valueOf(f.id());
        if (f.status() == FileStatus.DELETED) {
            index.delete(id);
            return new Done(f.id(), null, FileStatus.DELETED, "", f.mime(), 0);
        }
        if (f.hash().isEmpty()) {
            indexNameOnly(f, f.summary());
            return new Done(f.id(), null, f.status(), f.statusDetail(), f.mime(), 1);
        }
        Extraction ex = extractBounded(blobs.get(f.hash()), f.name());
        Tagging t = tagger.apply(ex, f.name());
        tags.saveAi(f.id(), t);
        if (!ex.hasText()) {
            indexNameOnly(f, t.summary() + " " + t.docType() + " " + String.join(" ", ex.metadata().values()));
            return new Done(f.id(), f.hash(), ex.status(), ex.detail(), ex.mime(), 1);
        }
        String head = f.name() + (ex.title().isBlank() ? "" : " — " + ex.title());
        List<Chunk> chunks = chunker.chunk(ex.text());
        return new Done(f.id(), f.hash(), FileStatus.INDEXED, ex.detail(), ex.mime(), chunks.size(), titled(head, chunks));
    }

    /**
     * Embeds the chunks of every file in the batch with one call (the encoder runs them in padded batches), then
     * indexes each file. If that call fails, each file is embedded alone, so one bad file fails only itself.
     */
    private List<Done> embedAndIndex(List<Done> finished) {
        List<Done> waiting = finished.stream().filter(d -> !d.toEmbed().isEmpty()).toList();
        if (waiting.isEmpty()) return finished;
        List<float[]> vectors = null;
        try {
            vectors = embedder.embedDocuments(waiting.stream().flatMap(d -> d.toEmbed().stream()).map(Chunk::text).toList());
        } catch (RuntimeException e) {
            log.warn("embedding a batch of {} files failed, embedding them one by one: {}", waiting.size(), e.toString());
        }
        List<Done> out = new ArrayList<>(finished.size());
        int at = 0;
        for (Done d : finished) {
            if (d.toEmbed().isEmpty()) {
                out.add(d);
                continue;
            }
            int n = d.toEmbed().size();
            try {
                List<float[]> v = vectors != null ? vectors.subList(at, at + n) : embedder.embedDocuments(d.toEmbed().stream().map(Chunk::text).toList());
                index.replace(String.valueOf(d.id()), d.toEmbed(), v);
                out.add(new Done(d.id(), d.hash(), d.status(), d.detail(), d.mime(), d.chunks()));
            } catch (RuntimeException e) {
                log.warn("indexing file {} failed: {}", d.id(), e.toString());
                out.add(d.failed("indexing failed: " + e));
            }
            at += n;
        }
        return out;
    }

    /** Each chunk with the file's heading (name, title) in front, so every chunk says what it is part of. */
    public static List<Chunk> titled(String head, List<Chunk> chunks) {
        if (head.isBlank()) return chunks;
        List<Chunk> out = new ArrayList<>(chunks.size());
        for (Chunk c : chunks) out.add(new Chunk(c.index(), head + "\n" + c.text()));
        return out;
    }

    /** Extraction on its own thread with a time limit, so a parser stuck on a hostile file cannot stall the queue. */
    private Extraction extractBounded(byte[] content, String name) {
        var task = new java.util.concurrent.FutureTask<>(() -> extractor.extract(content, name));
        Thread t = Thread.ofPlatform().name("clayfs-extract").daemon().start(task);
        try {
            return task.get(EXTRACT_TIMEOUT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            t.interrupt();
            return Extraction.without(FileStatus.MALFORMED, "extraction took longer than " + EXTRACT_TIMEOUT.toSeconds() + " s; skipped",
                    "application/octet-stream");
        } catch (java.util.concurrent.ExecutionException e) {
            return Extraction.without(FileStatus.MALFORMED, "extraction failed: " + e.getCause(), "application/octet-stream");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private void indexNameOnly(FileRecord f, String about) {
        String words = f.name().replaceAll("[._-]+", " ") + "\n" + f.name() + "\n" + about;
        List<Chunk> one = List.of(new Chunk(0, words.strip()));
        index.replace(String.valueOf(f.id()), one, embedder.embedDocuments(List.of(one.getFirst().text())));
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            notifyAll();
        }
        try {
            worker.join(Duration.ofSeconds(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
