package clay.fs.version;

import clay.core.InvalidInputException;
import clay.fs.FileRecord;
import clay.fs.FileStatus;
import clay.fs.RetentionPolicy;
import clay.fs.Space;
import clay.fs.VersionInfo;
import clay.fs.store.BlobStore;
import clay.fs.store.Catalog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The versioning policy. A new version is made only when the bytes differ from the current version; saves from the
 * watcher or {@code write} that follow the previous version within the coalesce window replace it (its {@code saves}
 * count grows) instead of piling up. The blob is durable before the catalogue row commits, and the row commits before
 * {@link #store} returns: a returned version survives a kill -9.
 */
public final class Versions {
    /**
     * Reasons whose versions may be coalesced with a following rapid save. Never "rescan": what a rescan finds differing
     * from the current version was written while no ClayFS had it (or by a write killed between its rename and its
     * commit), so it is a version of its own; merging it into the current one would replace an acknowledged version.
     */
    private static final Set<String> COALESCABLE = Set.of("watch", "write");

    private final Catalog catalog;
    private final BlobStore blobs;
    private final Clock clock;
    private final Duration coalesce;

    public Versions(Catalog catalog, BlobStore blobs, Clock clock, Duration coalesce) {
        this.catalog = catalog;
        this.blobs = blobs;
        this.clock = clock;
        this.coalesce = coalesce;
    }

    /** What {@link #store} did: {@code changed} is false when the content equalled the current version. */
    public record Stored(FileRecord file, boolean changed, boolean coalesced) {}

    public Stored store(String path, byte[] content, String reason, String task) {
        String hash = BlobStore.sha256(content);
        return catalog.db().tx(() -> {
            Optional<FileRecord> existing = catalog.byPath(path);
            if (existing.isPresent() && existing.get().status() != FileStatus.DELETED && hash.equals(existing.get().hash())) {
                return new Stored(existing.get(), false, false);
            }
            long stored = blobs.put(hash, content);
            catalog.db().update("INSERT OR IGNORE INTO blobs(hash, size, stored) VALUES(?,?,?)", hash, content.length, stored);
            long now = clock.millis();
            long id;
            boolean coalesced = false;
            if (existing.isEmpty()) {
                id = catalog.insertFile(path, Space.ofPath(path), now);
                insertVersion(id, 1, hash, content.length, now, reason);
                catalog.activity(id, "created", now, task);
            } else {
                id = existing.get().id();
                Optional<VersionInfo> last = catalog.latestVersion(id);
                boolean deleted = existing.get().status() == FileStatus.DELETED;
                if (last.isPresent() && !deleted && COALESCABLE.contains(reason) && COALESCABLE.contains(last.get().reason())
                        && withinCoalesceWindow(now - last.get().created().toEpochMilli())) {
                    catalog.db().update("UPDATE versions SET hash = ?, size = ?, created_at = ?, saves = saves + 1"
                            + " WHERE file_id = ? AND seq = ?", hash, content.length, now, id, last.get().seq());
                    coalesced = true;
                } else {
                    insertVersion(id, last.map(v -> v.seq() + 1).orElse(1), hash, content.length, now, reason);
                }
                catalog.activity(id, "edited", now, task);
            }
            catalog.db().update("""
                    UPDATE files SET hash = ?, size = ?, modified_at = ?, deleted = 0, status = 'pending', status_detail = NULL
                    WHERE id = ?""", hash, content.length, now, id);
            return new Stored(catalog.byId(id).orElseThrow(), true, coalesced);
        });
    }

    /** A clock stepped backwards (negative age) never coalesces: the window is measured forwards only. */
    private boolean withinCoalesceWindow(long ageMillis) {
        return ageMillis >= 0 && ageMillis < coalesce.toMillis();
    }

    private void insertVersion(long fileId, int seq, String hash, long size, long now, String reason) {
        catalog.db().update("INSERT INTO versions(file_id, seq, hash, size, created_at, reason) VALUES(?,?,?,?,?,?)",
                fileId, seq, hash, size, now, reason);
    }

    public VersionInfo version(FileRecord file, int seq) {
        return catalog.versions(file.id()).stream().filter(v -> v.seq() == seq).findFirst()
                .orElseThrow(() -> new InvalidInputException("no version " + seq + " of " + file.path(),
                        "run `clay fs log " + file.path() + "` to see its versions"));
    }

    public byte[] content(VersionInfo v) {
        return blobs.get(v.hash());
    }

    /**
     * Applies {@code policy}: keeps every version younger than keepAll, one per day up to daily, one per week beyond,
     * the newest minVersions and the current one; deletes blobs no version references any more. Returns versions removed.
     */
    public int prune(RetentionPolicy policy) {
        Instant now = clock.instant();
        List<Long> fileIds = catalog.db().query("SELECT DISTINCT file_id FROM versions", rs -> rs.getLong(1));
        int removed = 0;
        for (long fileId : fileIds) {
            List<VersionInfo> all = catalog.versions(fileId);
            Set<String> buckets = new HashSet<>();
            List<VersionInfo> drop = new ArrayList<>();
            for (int i = all.size() - 1; i >= 0; i--) {
                VersionInfo v = all.get(i);
                Duration age = Duration.between(v.created(), now);
                boolean keep = i >= all.size() - policy.minVersions() || age.compareTo(policy.keepAll()) < 0;
                String bucket = age.compareTo(policy.daily()) < 0
                        ? "d" + v.created().truncatedTo(ChronoUnit.DAYS)
                        : "w" + v.created().toEpochMilli() / Duration.ofDays(7).toMillis();
                if (buckets.add(bucket)) keep = true;
                if (!keep) drop.add(v);
            }
            for (VersionInfo v : drop) {
                catalog.db().update("DELETE FROM versions WHERE file_id = ? AND seq = ?", fileId, v.seq());
                removed++;
            }
        }
        collectGarbage();
        return removed;
    }

    /** Deletes blobs that no version references (left behind by coalescing and pruning). */
    public int collectGarbage() {
        List<String> orphans = catalog.db().query(
                "SELECT hash FROM blobs WHERE hash NOT IN (SELECT hash FROM versions)", rs -> rs.getString(1));
        for (String h : orphans) {
            catalog.db().update("DELETE FROM blobs WHERE hash = ?", h);
            blobs.delete(h);
        }
        return orphans.size();
    }
}
