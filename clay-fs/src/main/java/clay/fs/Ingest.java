package clay.fs;

import clay.core.AtomicFiles;
import clay.core.ClayException;
import clay.fs.index.Indexer;
import clay.fs.store.BlobStore;
import clay.fs.store.Catalog;
import clay.fs.version.Versions;
import clay.fs.watch.TreeWatcher;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every way content enters ClayFS ends here: API writes, {@code clay fs add}, watcher batches and the startup rescan.
 * Each stores a version (when the bytes changed) and queues the file for indexing. Bad files are recorded with a
 * status (too large, unreadable) instead of failing the batch.
 */
final class Ingest {
    private static final Logger log = LoggerFactory.getLogger(Ingest.class);

    private final FsPaths paths;
    private final Catalog catalog;
    private final Versions versions;
    private final Indexer indexer;
    private final Clock clock;
    private final long maxBytes;

    Ingest(FsPaths paths, Catalog catalog, Versions versions, Indexer indexer, Clock clock, long maxBytes) {
        this.paths = paths;
        this.catalog = catalog;
        this.versions = versions;
        this.indexer = indexer;
        this.clock = clock;
        this.maxBytes = maxBytes;
    }

    /** Writes {@code content} to {@code key} atomically and versions it. */
    FileRecord write(String key, byte[] content, String reason, String task) {
        if (content.length > maxBytes) {
            throw new clay.core.InvalidInputException("content of " + key + " is " + content.length + " bytes, over the "
                    + maxBytes + "-byte limit", "raise fs.maxFileBytes or store the file elsewhere");
        }
        try {
            AtomicFiles.write(paths.file(key), content);
        } catch (IOException e) {
            throw new ClayException("cannot write " + key + ": " + e.getMessage(), "check free disk space and permissions", e);
        }
        return stored(versions.store(key, content, reason, task));
    }

    /** Versions the file now at {@code key} on disk; unreadable and oversized files are recorded with that status. */
    FileRecord fromDisk(String key, String reason, String task) {
        Path file = paths.file(key);
        try {
            long size = Files.size(file);
            if (size > maxBytes) {
                return recordWithout(key, FileStatus.TOO_LARGE,
                        String.format("%.1f MB is over the %.1f MB limit; content not read", size / 1e6, maxBytes / 1e6), size);
            }
            byte[] content = Files.readAllBytes(file);
            FileRecord r = stored(versions.store(key, content, reason, task));
            long mtime = Files.getLastModifiedTime(file).toMillis();
            if (!reason.equals("watch") && Math.abs(clock.millis() - mtime) > 60_000 && r.version() == 1) {
                catalog.activity(r.id(), "edited", mtime, null);
            }
            return r;
        } catch (AccessDeniedException e) {
            return recordWithout(key, FileStatus.UNREADABLE, "permission denied", 0);
        } catch (NoSuchFileException e) {
            throw new clay.core.InvalidInputException("no such file: " + key, "check the name with `clay fs find`");
        } catch (IOException e) {
            return recordWithout(key, FileStatus.UNREADABLE, "cannot read: " + e.getMessage(), 0);
        }
    }

    private FileRecord stored(Versions.Stored s) {
        if (s.changed()) indexer.enqueue(s.file().id());
        return s.file();
    }

    private FileRecord recordWithout(String key, FileStatus status, String detail, long size) {
        long id = catalog.db().tx(() -> {
            long now = clock.millis();
            long fid = catalog.byPath(key).map(FileRecord::id).orElseGet(() -> catalog.insertFile(key, Space.ofPath(key), now));
            catalog.db().update("UPDATE files SET size = ?, modified_at = ?, deleted = 0, status = ?, status_detail = ?,"
                    + " summary = ? WHERE id = ?", size, now, status.wire(), detail, key.substring(key.lastIndexOf('/') + 1), fid);
            return fid;
        });
        log.info("{}: {} ({})", key, status.wire(), detail);
        indexer.enqueue(id);
        return catalog.byId(id).orElseThrow();
    }

    /**
     * Applies a settled batch of changes. A gone file whose exact content reappears elsewhere in the same batch is a
     * move (its history, tags and links follow it); other gone files are marked deleted (versions kept).
     */
    synchronized void sync(List<Path> changed, List<Path> gone, String reason) {
        Map<String, FileRecord> goneByHash = new HashMap<>();
        Set<Long> goneIds = new HashSet<>();
        for (Path g : gone) {
            String key = safeKey(g);
            if (key == null) continue;
            for (FileRecord f : catalog.live(key)) {
                if (f.path().equals(key) || f.path().startsWith(key + "/")) {
                    if (!f.hash().isEmpty()) goneByHash.put(f.hash(), f);
                    goneIds.add(f.id());
                }
            }
        }
        for (Path c : changed) {
            String key = safeKey(c);
            if (key == null) continue;
            try {
                Optional<FileRecord> known = catalog.byPath(key);
                if (known.isEmpty() && !goneByHash.isEmpty() && Files.size(c) <= maxBytes) {
                    FileRecord moved = goneByHash.remove(BlobStore.sha256(Files.readAllBytes(c)));
                    if (moved != null) {
                        catalog.move(moved.id(), key, Space.ofPath(key));
                        catalog.activity(moved.id(), "moved", clock.millis(), null);
                        goneIds.remove(moved.id());
                        indexer.enqueue(moved.id());
                        continue;
                    }
                }
                fromDisk(key, reason, null);
            } catch (IOException | RuntimeException e) {
                log.warn("cannot ingest {}: {}", key, e.toString());
            }
        }
        for (long id : goneIds) {
            catalog.markDeleted(id, clock.millis());
            catalog.activity(id, "deleted", clock.millis(), null);
            indexer.enqueue(id);
        }
    }

    /** Walks {@code persistent/} and reconciles the catalogue with what is on disk. */
    void rescan() {
        Path dir = paths.file("persistent");
        List<Path> present = new ArrayList<>();
        if (Files.isDirectory(dir)) {
            try (Stream<Path> s = Files.walk(dir)) {
                s.filter(Files::isRegularFile).filter(p -> !ignoredUnder(dir, p)).forEach(present::add);
            } catch (IOException e) {
                log.warn("rescan of {} incomplete: {}", dir, e.toString());
            }
        }
        Set<String> onDisk = new HashSet<>();
        for (Path p : present) onDisk.add(safeKey(p));
        List<Path> gone = new ArrayList<>();
        for (FileRecord f : catalog.live("persistent/")) {
            if (!onDisk.contains(f.path())) gone.add(paths.file(f.path()));
        }
        sync(present, gone, "rescan");
        for (long id : catalog.needingIndex()) indexer.enqueue(id);
    }

    private static boolean ignoredUnder(Path root, Path p) {
        for (Path part : root.relativize(p)) if (TreeWatcher.ignored(part)) return true;
        return false;
    }

    private String safeKey(Path p) {
        try {
            return paths.keyOf(p, p.toString());
        } catch (RuntimeException e) {
            return null;
        }
    }
}
