package clay.memory.store;

import clay.core.ClayException;
import clay.core.ClayHome;
import clay.memory.crypto.FieldCipher;
import clay.memory.crypto.MemoryKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/**
 * The SQLite database behind memory ({@code clay/context/memory.db}). Sensitive columns hold AES-GCM ciphertext from
 * {@link #cipher()}; only ids and timestamps are plain. {@code secure_delete} is on, and {@link #purge()} checkpoints
 * the write-ahead log and vacuums so that forgotten rows leave no copy in the file, the WAL or free pages.
 * All access is serialised on this object.
 */
public final class MemoryDb implements AutoCloseable {
    private static final String CHECK = "clay-memory-key-check";
    private final Path file;
    private final Connection conn;
    private final FieldCipher cipher;

    private MemoryDb(Path file, Connection conn, FieldCipher cipher) {
        this.file = file;
        this.conn = conn;
        this.cipher = cipher;
    }

    /** Opens (creating) the database with the keyring key, or with a key derived from {@code passphrase} when given. */
    public static MemoryDb open(ClayHome home, Optional<char[]> passphrase) {
        Path dir = ClayHome.ensureDir(home.context());
        Path file = dir.resolve("memory.db");
        try {
            if (!Files.exists(file)) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA secure_delete=ON");
                s.execute("PRAGMA foreign_keys=ON");
                s.execute("PRAGMA busy_timeout=5000");
                s.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value BLOB NOT NULL)");
                s.execute("CREATE TABLE IF NOT EXISTS episodes (id INTEGER PRIMARY KEY AUTOINCREMENT, at INTEGER NOT NULL,"
                        + " payload BLOB NOT NULL, embedding BLOB NOT NULL)");
                s.execute("CREATE INDEX IF NOT EXISTS episodes_at ON episodes(at)");
                s.execute("CREATE TABLE IF NOT EXISTS facts (id INTEGER PRIMARY KEY AUTOINCREMENT, created INTEGER NOT NULL,"
                        + " updated INTEGER NOT NULL, payload BLOB NOT NULL, embedding BLOB NOT NULL)");
            }
            MemoryDb db = new MemoryDb(file, c, new FieldCipher(key(home, c, passphrase)));
            db.verifyKey();
            db.tightenPermissions();
            return db;
        } catch (SQLException e) {
            throw new ClayException("cannot open the memory database " + file + ": " + e.getMessage(),
                    "check that " + dir + " is writable and not used by another Clay", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + file, e);
        }
    }

    private static MemoryKey key(ClayHome home, Connection c, Optional<char[]> passphrase) throws SQLException {
        if (passphrase.isEmpty()) return MemoryKey.fromKeyring(home);
        byte[] salt = meta(c, "kdf_salt").orElse(null);
        if (salt == null) {
            salt = MemoryKey.newSalt();
            putMeta(c, "kdf_salt", salt);
        }
        return MemoryKey.fromPassphrase(passphrase.get(), salt);
    }

    private void verifyKey() throws SQLException {
        Optional<byte[]> check = meta(conn, "key_check");
        if (check.isEmpty()) {
            putMeta(conn, "key_check", cipher.encryptString("key_check", CHECK));
        } else {
            cipher.decryptString("key_check", check.get());
        }
    }

    /** SQLite creates the WAL and shared-memory files with the process umask; make them owner-only too. */
    public void tightenPermissions() {
        ownerOnly(file);
    }

    /** Makes an SQLite database file and its WAL and shared-memory files owner-only (best effort). */
    public static void ownerOnly(Path file) {
        for (String suffix : new String[] {"", "-wal", "-shm"}) {
            Path p = file.resolveSibling(file.getFileName() + suffix);
            try {
                if (Files.exists(p)) Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-------"));
            } catch (IOException | UnsupportedOperationException ignored) {
                // best effort; the directory is owner-only anyway
            }
        }
    }

    public Path file() {
        return file;
    }

    public FieldCipher cipher() {
        return cipher;
    }

    public synchronized Connection connection() {
        return conn;
    }

    /** Runs {@code work} in one transaction, mapping SQL failures to a Clay error. */
    public synchronized <T> T tx(SqlWork<T> work) {
        try {
            conn.setAutoCommit(false);
            try {
                T result = work.run(conn);
                conn.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                conn.rollback();
                throw e;
            } finally {
                conn.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new ClayException("memory database error: " + e.getMessage(), "retry; if it persists, export your memory and report it", e);
        }
    }

    /** A unit of database work. */
    @FunctionalInterface
    public interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }

    public synchronized Optional<String> setting(String key) {
        try {
            return meta(conn, "setting:" + key).map(b -> new String(b, StandardCharsets.UTF_8));
        } catch (SQLException e) {
            throw new ClayException("memory database error: " + e.getMessage(), null, e);
        }
    }

    public synchronized void setting(String key, String value) {
        try {
            putMeta(conn, "setting:" + key, value.getBytes(StandardCharsets.UTF_8));
        } catch (SQLException e) {
            throw new ClayException("memory database error: " + e.getMessage(), null, e);
        }
    }

    /** Makes deletions final: checkpoint and truncate the WAL, rebuild the file without free pages, truncate again. */
    public synchronized void purge() {
        try {
            purge(conn, file);
        } catch (SQLException e) {
            throw new ClayException("could not compact the memory database: " + e.getMessage(),
                    "close other Clay processes and run clay memory forget again", e);
        }
    }

    /**
     * Makes deletions in any of memory's SQLite files final (checkpoint, vacuum, checkpoint) and leaves the file and its
     * WAL owner-only.
     */
    public static void purge(Connection conn, Path file) throws SQLException {
        try (Statement s = conn.createStatement()) {
            s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
            s.execute("VACUUM");
            s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
        }
        ownerOnly(file);
    }

    private static Optional<byte[]> meta(Connection c, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT value FROM meta WHERE key = ?")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getBytes(1)) : Optional.empty();
            }
        }
    }

    private static void putMeta(Connection c, String key, byte[] value) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)")) {
            ps.setString(1, key);
            ps.setBytes(2, value);
            ps.executeUpdate();
        }
    }

    @Override
    public synchronized void close() {
        try {
            conn.close();
        } catch (SQLException ignored) {
            // closing twice or after a failure: nothing left to release
        }
    }
}
