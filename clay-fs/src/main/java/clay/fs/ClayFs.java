package clay.fs;

import clay.core.ClayException;
import clay.core.ClayHome;
import clay.core.InvalidInputException;
import clay.fs.extract.Chunker;
import clay.fs.extract.TextExtractor;
import clay.fs.find.FindResult;
import clay.fs.find.Finder;
import clay.fs.find.HybridSearch;
import clay.fs.index.Indexer;
import clay.fs.index.SearchIndex;
import clay.fs.relate.Graph;
import clay.fs.relate.Relation;
import clay.fs.relate.Relations;
import clay.fs.store.BlobStore;
import clay.fs.store.Catalog;
import clay.fs.store.FsDatabase;
import clay.fs.tagging.LlmTagger;
import clay.fs.tagging.RuleTagger;
import clay.fs.tagging.TagStore;
import clay.fs.version.LineDiff;
import clay.fs.version.Versions;
import clay.fs.watch.TreeWatcher;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * ClayFS, the AI-aware file store of one Clay home: files in {@code persistent/} and {@code ephemeral/} are versioned,
 * extracted, tagged, indexed (BM25 + vectors) and related, and found by what the user means.
 *
 * <pre>{@code
 * try (ClayFs fs = ClayFs.open(home)) {
 *     fs.write("notes/todo.md", "- pay the electricity bill".getBytes(UTF_8));
 *     fs.awaitIndexed(Duration.ofSeconds(30));
 *     FindResult r = fs.find("that bill I was working on today");
 * }
 * }</pre>
 *
 * <p>Paths are ClayFS paths ({@code persistent/notes/todo.md}, {@code ephemeral/chart.html}), a path relative to
 * {@code persistent/}, or an absolute path inside the ClayFS root; anything else is refused with
 * {@link InvalidInputException}. Writes are acknowledged only once durable. Thread-safe.
 */
public final class ClayFs implements AutoCloseable {
    private final FsOptions options;
    private final FsPaths paths;
    private final FsDatabase db;
    private final Catalog catalog;
    private final Versions versions;
    private final SearchIndex index;
    private final TagStore tags;
    private final Indexer indexer;
    private final Ingest ingest;
    private final Finder finder;
    private final Relations relations;
    private TreeWatcher watcher;

    private ClayFs(ClayHome home, FsOptions options) {
        this.options = options;
        home.ensure();
        this.paths = new FsPaths(home);
        Path state = ClayHome.ensureDir(home.state("fs"));
        this.db = FsDatabase.open(state.resolve("catalog.db"));
        this.catalog = new Catalog(db);
        BlobStore blobs = new BlobStore(ClayHome.ensureDir(state.resolve("blobs")));
        this.versions = new Versions(catalog, blobs, options.clock(), options.coalesce());
        this.index = SearchIndex.open(state.resolve("index"), options.embedder().dimensions());
        this.tags = new TagStore(db);
        RuleTagger rules = new RuleTagger();
        var llm = options.tagger().map(m -> new LlmTagger(m, rules));
        this.indexer = new Indexer(catalog, blobs, new TextExtractor(options.maxTextChars()), new Chunker(options.chunkTokens()),
                options.embedder(), index, tags, (ex, name) -> llm.map(l -> l.tag(ex, name)).orElseGet(() -> rules.tag(ex, name)));
        this.ingest = new Ingest(paths, catalog, versions, indexer, options.clock(), options.maxFileBytes());
        this.finder = new Finder(catalog, index, options.embedder(), options.time(), options.clock(), HybridSearch.defaults());
        this.relations = new Relations(catalog, index, options.neighbourThreshold());
        if (options.rescanOnOpen()) ingest.rescan();
        else catalog.needingIndex().forEach(indexer::enqueue);
    }

    public static ClayFs open(ClayHome home) {
        return open(home, FsOptions.defaults());
    }

    public static ClayFs open(ClayHome home, FsOptions options) {
        return new ClayFs(home, options);
    }

    public FsOptions options() {
        return options;
    }

    // ---- ingest ----------------------------------------------------------------------------------------------

    /** Writes {@code content} to {@code path} (durably) and versions it; returns once the version is safe. */
    public FileRecord write(String path, byte[] content) {
        return ingest.write(paths.key(path), content, "write", null);
    }

    /** Like {@link #write(String, byte[])} for text. */
    public FileRecord write(String path, String text) {
        return write(path, text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Adds a file or a directory tree. Files already inside ClayFS are versioned in place; outside files are copied
     * into {@code persistent/} under {@code target} (a directory; empty = top level). Bad files are recorded with
     * a status, never thrown; {@code progress} sees each file as it is stored.
     */
    public List<FileRecord> add(Path source, String target, Consumer<FileRecord> progress) {
        Path src = source.toAbsolutePath().normalize();
        if (!Files.exists(src)) throw new InvalidInputException("no such file or directory: " + source, "check the path");
        List<Path> files = new ArrayList<>();
        if (Files.isDirectory(src)) {
            try (Stream<Path> s = Files.walk(src)) {
                s.filter(Files::isRegularFile).filter(p -> !TreeWatcher.ignored(p)).sorted().forEach(files::add);
            } catch (IOException e) {
                throw new ClayException("cannot read directory " + source + ": " + e.getMessage(), "check permissions", e);
            }
        } else {
            files.add(src);
        }
        Path base = Files.isDirectory(src) ? src.getParent() : src.getParent();
        List<FileRecord> out = new ArrayList<>();
        for (Path f : files) {
            FileRecord r;
            if (f.startsWith(paths.root())) {
                r = ingest.fromDisk(paths.keyOf(f, f.toString()), "add", null);
            } else {
                String rel = base == null ? f.getFileName().toString() : base.relativize(f).toString();
                String key = paths.key(target.isBlank() ? rel : target + "/" + rel);
                r = copyIn(f, key);
            }
            out.add(r);
            progress.accept(r);
        }
        return out;
    }

    private FileRecord copyIn(Path from, String key) {
        try {
            if (Files.size(from) > options.maxFileBytes()) {
                Files.createDirectories(paths.file(key).getParent());
                Files.copy(from, paths.file(key), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                return ingest.fromDisk(key, "add", null);
            }
            return ingest.write(key, Files.readAllBytes(from), "add", null);
        } catch (java.nio.file.AccessDeniedException e) {
            throw new InvalidInputException("cannot read " + from + ": permission denied", "check the file's permissions");
        } catch (IOException e) {
            throw new ClayException("cannot copy " + from + " into ClayFS: " + e.getMessage(), "check disk space", e);
        }
    }

    public Optional<FileRecord> file(String path) {
        return catalog.byPath(paths.key(path));
    }

    /** Live files whose ClayFS path starts with {@code prefix} ({@code ""} = all). */
    public List<FileRecord> files(String prefix) {
        return catalog.live(prefix);
    }

    /** The current bytes of a file, as last versioned. */
    public byte[] read(String path) {
        FileRecord f = require(path);
        return versions.content(versions.version(f, f.version()));
    }

    /** The bytes of version {@code seq} of a file (verified against its hash). */
    public byte[] read(String path, int seq) {
        return versions.content(versions.version(require(path), seq));
    }

    /** Records that the user opened (looked at) a file; {@code task} (may be null) groups files used together. */
    public void opened(String path, String task) {
        catalog.activity(require(path).id(), "opened", options.clock().millis(), task);
    }

    // ---- versions ----------------------------------------------------------------------------------------------

    public List<VersionInfo> log(String path) {
        return catalog.versions(require(path).id());
    }

    /** Line diff of the text of two versions ({@code " "}/{@code "-"}/{@code "+"} prefixed lines). */
    public List<String> diff(String path, int from, int to) {
        FileRecord f = require(path);
        String a = new String(versions.content(versions.version(f, from)), StandardCharsets.UTF_8);
        String b = new String(versions.content(versions.version(f, to)), StandardCharsets.UTF_8);
        return LineDiff.diff(a, b);
    }

    /** Puts version {@code seq}'s content back as the newest version (history is kept, never rewritten). */
    public FileRecord restore(String path, int seq) {
        FileRecord f = require(path);
        byte[] content = versions.content(versions.version(f, seq));
        return ingest.write(f.path(), content, "restore of v" + seq, null);
    }

    /** Applies the retention policy; returns how many versions were removed. */
    public int prune() {
        return versions.prune(options.retention());
    }

    // ---- tags -------------------------------------------------------------------------------------------------

    public List<TagStore.Tag> tags(String path) {
        return tags.tags(require(path).id());
    }

    public List<clay.fs.tagging.Tagging.Fact> facts(String path) {
        return tags.facts(require(path).id());
    }

    /** The user's tag edits; they win over AI tags on conflict. {@code type} overrides the AI's document type. */
    public List<TagStore.Tag> tag(String path, Collection<String> add, Collection<String> remove, Optional<String> type) {
        FileRecord f = require(path);
        type.ifPresent(t -> {
            if (!t.isBlank() && !clay.fs.tagging.DocTypes.ALL.contains(t.toLowerCase(java.util.Locale.ROOT))) {
                throw new InvalidInputException("unknown document type '" + t + "'", "use one of " + clay.fs.tagging.DocTypes.ALL);
            }
        });
        tags.saveUser(f.id(), add, remove, type);
        return tags.tags(f.id());
    }

    // ---- find and relations ---------------------------------------------------------------------------------

    public FindResult find(String query) {
        return find(query, 10);
    }

    public FindResult find(String query, int limit) {
        if (query == null || query.isBlank()) throw new InvalidInputException("empty query", "say what you are looking for");
        if (limit < 1 || limit > 1000) throw new InvalidInputException("limit must be in 1..1000, got " + limit, "use e.g. 10");
        return finder.find(query, limit);
    }

    public List<Relation> related(String path) {
        return relations.related(require(path));
    }

    /** The relation graph of all live files (or those under {@code prefix}). */
    public Graph graph(String prefix) {
        return Graph.of(catalog.live(prefix), relations);
    }

    // ---- ephemeral space -------------------------------------------------------------------------------------

    /**
     * Stores generated content in {@code ephemeral/} with an expiry ({@code ttl}, or the default), optionally recording
     * which file it was generated from.
     */
    public FileRecord createEphemeral(String name, byte[] content, Optional<Duration> ttl, Optional<String> generatedFrom) {
        String key = paths.key("ephemeral/" + name);
        if (!key.startsWith("ephemeral/")) throw new InvalidInputException("ephemeral name must stay in ephemeral/: " + name, "use a plain name");
        FileRecord r = ingest.write(key, content, "generated", null);
        catalog.setExpiry(r.id(), Optional.of(options.clock().instant().plus(ttl.orElse(options.ephemeralTtl()))));
        generatedFrom.ifPresent(src -> relations.provenance(r.id(), require(src).id(), "generated from", options.clock().millis()));
        return catalog.byId(r.id()).orElseThrow();
    }

    /** Deletes expired ephemeral items (file, index entries); their versions are kept. Returns how many. */
    public int cleanupExpired() {
        long now = options.clock().millis();
        List<Long> expired = db.query("SELECT id FROM files WHERE space = 'ephemeral' AND deleted = 0 AND expires_at IS NOT NULL"
                + " AND expires_at <= ?", rs -> rs.getLong(1), now);
        for (long id : expired) {
            catalog.byId(id).ifPresent(f -> {
                try {
                    Files.deleteIfExists(paths.file(f.path()));
                } catch (IOException e) {
                    throw new ClayException("cannot delete expired " + f.path() + ": " + e.getMessage(), "check permissions", e);
                }
            });
            catalog.markDeleted(id, now);
            catalog.activity(id, "expired", now, null);
            indexer.enqueue(id);
        }
        return expired.size();
    }

    /** Promotes an ephemeral item to {@code persistent/} (same file id: history, tags and links come along). */
    public FileRecord keep(String path, Optional<String> target) {
        FileRecord f = require(path);
        if (f.space() != Space.EPHEMERAL) throw new InvalidInputException(f.path() + " is already persistent", "nothing to keep");
        String key = paths.key(target.orElse(f.path().substring("ephemeral/".length())));
        if (!key.startsWith("persistent/")) throw new InvalidInputException("keep target must be in persistent/: " + key, "give a relative path");
        if (catalog.byPath(key).filter(g -> g.status() != FileStatus.DELETED).isPresent()) {
            throw new InvalidInputException(key + " already exists", "give another target name with --as");
        }
        try {
            Files.createDirectories(paths.file(key).getParent());
            Files.move(paths.file(f.path()), paths.file(key), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new ClayException("cannot move " + f.path() + " to " + key + ": " + e.getMessage(), "check permissions", e);
        }
        long now = options.clock().millis();
        db.tx(() -> {
            catalog.byPath(key).ifPresent(old -> db.update("DELETE FROM files WHERE id = ?", old.id()));
            catalog.move(f.id(), key, Space.PERSISTENT);
            catalog.setExpiry(f.id(), Optional.empty());
            catalog.activity(f.id(), "kept", now, null);
            db.update("INSERT INTO versions(file_id, seq, hash, size, created_at, reason) VALUES(?,?,?,?,?,?)",
                    f.id(), f.version() + 1, f.hash(), f.size(), now, "keep (from " + f.path() + ")");
            return null;
        });
        indexer.enqueue(f.id());
        return catalog.byId(f.id()).orElseThrow();
    }

    // ---- background work -------------------------------------------------------------------------------------

    /** Calls {@code listener} after each file the background indexer finishes. */
    public void onProgress(Consumer<Indexer.Progress> listener) {
        indexer.onProgress(listener);
    }

    /** Files waiting for (or in) indexing. */
    public int pending() {
        return indexer.queued();
    }

    /** Waits until every queued file is indexed and committed; false on timeout. */
    public boolean awaitIndexed(Duration timeout) {
        try {
            return indexer.awaitIdle(timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Starts the recursive watcher on {@code persistent/} (idempotent). */
    public synchronized void watch(Duration quiet) {
        if (watcher != null) return;
        try {
            watcher = new TreeWatcher(paths.file("persistent"), quiet, new TreeWatcher.Sink() {
                @Override
                public void settled(List<Path> changed, List<Path> gone) {
                    ingest.sync(changed, gone, "watch");
                }

                @Override
                public void overflow() {
                    ingest.rescan();
                }
            });
        } catch (IOException e) {
            throw new ClayException("cannot watch " + paths.file("persistent") + ": " + e.getMessage(),
                    "raise fs.inotify.max_user_watches (sysctl) or restart Clay", e);
        }
    }

    /** Reconciles the catalogue with the disk now (what the watcher would have seen). */
    public void rescan() {
        ingest.rescan();
    }

    /** Number of chunks in the index (for diagnostics and benchmarks). */
    public int chunkCount() {
        return index.chunkCount();
    }

    private FileRecord require(String path) {
        String key = paths.key(path);
        return catalog.byPath(key).orElseThrow(() -> new InvalidInputException("ClayFS has no file " + key,
                "add it with `clay fs add`, or look for it with `clay fs find`"));
    }

    /** The instant the store considers "now" (its clock). */
    public Instant now() {
        return options.clock().instant();
    }

    @Override
    public synchronized void close() {
        if (watcher != null) watcher.close();
        indexer.close();
        index.close();
        db.close();
    }
}
