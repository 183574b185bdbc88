package clay.fs.store;

import clay.fs.FileRecord;
import clay.fs.FileStatus;
import clay.fs.Space;
import clay.fs.VersionInfo;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** The file, version and activity rows of the catalogue, as {@link FileRecord}s and {@link VersionInfo}s. */
public final class Catalog {
    private static final String FILE_COLUMNS = """
            f.id, f.path, f.space, f.hash, f.size, f.mime, f.created_at, f.modified_at, f.expires_at, f.status,
            f.status_detail, (SELECT max(seq) FROM versions v WHERE v.file_id = f.id) AS seq,
            coalesce(f.user_type, f.ai_type, '') AS doc_type, f.summary, f.deleted""";

    private final FsDatabase db;

    public Catalog(FsDatabase db) {
        this.db = db;
    }

    public FsDatabase db() {
        return db;
    }

    public Optional<FileRecord> byPath(String path) {
        return db.one("SELECT " + FILE_COLUMNS + " FROM files f WHERE f.path = ?", Catalog::file, path);
    }

    public Optional<FileRecord> byId(long id) {
        return db.one("SELECT " + FILE_COLUMNS + " FROM files f WHERE f.id = ?", Catalog::file, id);
    }

    /** Live (not deleted) files, optionally only those whose path starts with {@code prefix}. */
    public List<FileRecord> live(String prefix) {
        return db.query("SELECT " + FILE_COLUMNS + " FROM files f WHERE f.deleted = 0 AND substr(f.path, 1, ?) = ? ORDER BY f.path",
                Catalog::file, prefix.length(), prefix);
    }

    public List<FileRecord> byIds(Collection<Long> ids) {
        if (ids.isEmpty()) return List.of();
        String in = ids.stream().map(String::valueOf).collect(Collectors.joining(","));
        return db.query("SELECT " + FILE_COLUMNS + " FROM files f WHERE f.id IN (" + in + ")", Catalog::file);
    }

    /** Files with a hash whose index is not at that hash (new, changed, or interrupted by a crash). */
    public List<Long> needingIndex() {
        return db.query("""
                SELECT id FROM files WHERE hash IS NOT NULL AND (deleted = 0 AND (indexed_hash IS NULL OR indexed_hash <> hash))
                   OR (deleted = 1 AND indexed_hash IS NOT NULL) ORDER BY id""", rs -> rs.getLong(1));
    }

    public long insertFile(String path, Space space, long now) {
        return db.update("INSERT INTO files(path, space, name, created_at, modified_at) VALUES(?,?,?,?,?)",
                path, space.dir(), path.substring(path.lastIndexOf('/') + 1), now, now);
    }

    public void setStatus(long id, FileStatus status, String detail) {
        db.update("UPDATE files SET status = ?, status_detail = ? WHERE id = ?", status.wire(), detail, id);
    }

    public void markIndexed(long id, String hash, FileStatus status, String detail, String mime, int chunks) {
        db.update("UPDATE files SET indexed_hash = ?, status = ?, status_detail = ?, mime = ?, chunks = ? WHERE id = ?",
                hash, status.wire(), detail, mime, chunks, id);
    }

    public void markDeleted(long id, long now) {
        db.update("UPDATE files SET deleted = 1, status = 'deleted', modified_at = ? WHERE id = ?", now, id);
    }

    public void move(long id, String newPath, Space space) {
        db.update("UPDATE files SET path = ?, space = ?, name = ? WHERE id = ?", newPath, space.dir(),
                newPath.substring(newPath.lastIndexOf('/') + 1), id);
    }

    public void setExpiry(long id, Optional<Instant> at) {
        db.update("UPDATE files SET expires_at = ? WHERE id = ?", at.map(Instant::toEpochMilli).orElse(null), id);
    }

    public List<VersionInfo> versions(long fileId) {
        return db.query("SELECT file_id, seq, hash, size, created_at, reason, saves FROM versions WHERE file_id = ? ORDER BY seq",
                Catalog::version, fileId);
    }

    public Optional<VersionInfo> latestVersion(long fileId) {
        return db.one("""
                SELECT file_id, seq, hash, size, created_at, reason, saves FROM versions WHERE file_id = ?
                ORDER BY seq DESC LIMIT 1""", Catalog::version, fileId);
    }

    /** Records that the user (or a program for them) did {@code kind} to a file; {@code task} groups co-activity. */
    public void activity(long fileId, String kind, long at, String task) {
        db.update("INSERT INTO activity(file_id, kind, at, task) VALUES(?,?,?,?)", fileId, kind, at, task);
    }

    /** Files with activity of one of {@code kinds} in [from, to). */
    public List<Long> activeBetween(Collection<String> kinds, long from, long to) {
        String in = kinds.stream().map(k -> "'" + k.replace("'", "") + "'").collect(Collectors.joining(","));
        return db.query("SELECT DISTINCT file_id FROM activity WHERE kind IN (" + in + ") AND at >= ? AND at < ?",
                rs -> rs.getLong(1), from, to);
    }

    static FileRecord file(ResultSet rs) throws SQLException {
        long expires = rs.getLong("expires_at");
        boolean expiresNull = rs.wasNull();
        String detail = rs.getString("status_detail");
        String summary = rs.getString("summary");
        return new FileRecord(rs.getLong("id"), rs.getString("path"), Space.valueOf(rs.getString("space").toUpperCase()),
                nz(rs.getString("hash")), rs.getLong("size"), nz(rs.getString("mime")),
                Instant.ofEpochMilli(rs.getLong("created_at")), Instant.ofEpochMilli(rs.getLong("modified_at")),
                expiresNull ? Optional.empty() : Optional.of(Instant.ofEpochMilli(expires)),
                FileStatus.valueOf(rs.getString("status").toUpperCase()), detail == null ? "" : detail, rs.getInt("seq"),
                rs.getString("doc_type"), summary == null ? "" : summary);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    static VersionInfo version(ResultSet rs) throws SQLException {
        return new VersionInfo(rs.getLong(1), rs.getInt(2), rs.getString(3), rs.getLong(4), Instant.ofEpochMilli(rs.getLong(5)),
                rs.getString(6), rs.getInt(7));
    }
}
