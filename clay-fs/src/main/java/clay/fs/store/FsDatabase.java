package clay.fs.store;

import clay.core.ClayException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The SQLite catalogue of ClayFS. One connection in WAL mode with {@code synchronous=FULL}, used under one lock, so a
 * committed transaction survives a kill -9 and readers never see half a write. All SQL errors become
 * {@link ClayException}s here, the one place this boundary maps them.
 */
public final class FsDatabase implements AutoCloseable {
    private static final String[] SCHEMA = {
        """
        CREATE TABLE IF NOT EXISTS files(
          id INTEGER PRIMARY KEY, path TEXT NOT NULL UNIQUE, space TEXT NOT NULL, name TEXT NOT NULL,
          hash TEXT, size INTEGER NOT NULL DEFAULT 0, mime TEXT, created_at INTEGER NOT NULL, modified_at INTEGER NOT NULL,
          deleted INTEGER NOT NULL DEFAULT 0, expires_at INTEGER, status TEXT NOT NULL DEFAULT 'pending', status_detail TEXT,
          indexed_hash TEXT, summary TEXT, ai_type TEXT, user_type TEXT, chunks INTEGER NOT NULL DEFAULT 0)""",
        """
        CREATE TABLE IF NOT EXISTS versions(
          id INTEGER PRIMARY KEY, file_id INTEGER NOT NULL, seq INTEGER NOT NULL, hash TEXT NOT NULL, size INTEGER NOT NULL,
          created_at INTEGER NOT NULL, reason TEXT NOT NULL, saves INTEGER NOT NULL DEFAULT 1, UNIQUE(file_id, seq))""",
        "CREATE TABLE IF NOT EXISTS blobs(hash TEXT PRIMARY KEY, size INTEGER NOT NULL, stored INTEGER NOT NULL)",
        """
        CREATE TABLE IF NOT EXISTS tags(file_id INTEGER NOT NULL, tag TEXT NOT NULL, source TEXT NOT NULL,
          removed INTEGER NOT NULL DEFAULT 0, PRIMARY KEY(file_id, tag, source))""",
        """
        CREATE TABLE IF NOT EXISTS facts(file_id INTEGER NOT NULL, kind TEXT NOT NULL, value TEXT NOT NULL,
          PRIMARY KEY(file_id, kind, value))""",
        "CREATE INDEX IF NOT EXISTS facts_value ON facts(kind, value)",
        """
        CREATE TABLE IF NOT EXISTS activity(id INTEGER PRIMARY KEY, file_id INTEGER NOT NULL, kind TEXT NOT NULL,
          at INTEGER NOT NULL, task TEXT)""",
        "CREATE INDEX IF NOT EXISTS activity_at ON activity(at)",
        "CREATE INDEX IF NOT EXISTS activity_file ON activity(file_id)",
        """
        CREATE TABLE IF NOT EXISTS relations(src INTEGER NOT NULL, dst INTEGER NOT NULL, kind TEXT NOT NULL,
          reason TEXT NOT NULL, at INTEGER NOT NULL, PRIMARY KEY(src, dst, kind))"""
    };

    private final Connection conn;
    private final ReentrantLock lock = new ReentrantLock();

    private FsDatabase(Connection conn) {
        this.conn = conn;
    }

    public static FsDatabase open(Path file) {
        try {
            Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA synchronous=FULL");
                s.execute("PRAGMA busy_timeout=5000");
                for (String ddl : SCHEMA) s.execute(ddl);
            }
            return new FsDatabase(c);
        } catch (SQLException e) {
            throw new ClayException("cannot open the ClayFS catalogue " + file + ": " + e.getMessage(),
                    "check that the directory is writable and the disk is not full; a corrupt file can be moved away"
                            + " and rebuilt with a rescan", e);
        }
    }

    /** One row, read by the mapper. */
    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    /** Work done inside one transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run() throws SQLException;
    }

    /** Runs {@code work} in one transaction: all of it is committed, or none. */
    public <T> T tx(Work<T> work) {
        lock.lock();
        try {
            boolean outer = conn.getAutoCommit();
            if (!outer) return work.run();
            conn.setAutoCommit(false);
            try {
                T result = work.run();
                conn.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                conn.rollback();
                throw e;
            } finally {
                conn.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw mapped(e);
        } finally {
            lock.unlock();
        }
    }

    public <T> List<T> query(String sql, RowMapper<T> mapper, Object... args) {
        lock.lock();
        try (PreparedStatement ps = prepare(sql, args); ResultSet rs = ps.executeQuery()) {
            List<T> out = new ArrayList<>();
            while (rs.next()) out.add(mapper.map(rs));
            return out;
        } catch (SQLException e) {
            throw mapped(e);
        } finally {
            lock.unlock();
        }
    }

    public <T> Optional<T> one(String sql, RowMapper<T> mapper, Object... args) {
        List<T> all = query(sql, mapper, args);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.getFirst());
    }

    public long count(String sql, Object... args) {
        return one(sql, rs -> rs.getLong(1), args).orElse(0L);
    }

    /** Executes an update; returns the generated key for inserts, else the number of rows changed. */
    public long update(String sql, Object... args) {
        lock.lock();
        try (PreparedStatement ps = prepare(sql, args)) {
            int n = ps.executeUpdate();
            if (sql.stripLeading().regionMatches(true, 0, "INSERT", 0, 6)) {
                try (Statement s = conn.createStatement(); ResultSet rs = s.executeQuery("SELECT last_insert_rowid()")) {
                    return rs.next() ? rs.getLong(1) : n;
                }
            }
            return n;
        } catch (SQLException e) {
            throw mapped(e);
        } finally {
            lock.unlock();
        }
    }

    private PreparedStatement prepare(String sql, Object... args) throws SQLException {
        PreparedStatement ps = conn.prepareStatement(sql);
        for (int i = 0; i < args.length; i++) ps.setObject(i + 1, args[i]);
        return ps;
    }

    private static ClayException mapped(SQLException e) {
        return new ClayException("ClayFS catalogue error: " + e.getMessage(),
                "retry; if it persists, check disk space and permissions of the state directory", e);
    }

    @Override
    public void close() {
        lock.lock();
        try {
            conn.close();
        } catch (SQLException ignored) {
            // closing: nothing to recover
        } finally {
            lock.unlock();
        }
    }
}
