package clay.memory.context;

import clay.core.ClayException;
import clay.core.ClayHome;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import clay.memory.crypto.FieldCipher;
import clay.memory.crypto.MemoryKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * Sessions, turns and user preferences in SQLite ({@code $CLAY_HOME/clay/context/sessions.db}, WAL), so a restart
 * resumes where the user was. Every write is one transaction; an acknowledged write survives a crash. Like the rest of
 * memory, the text (turns, tasks, open surfaces, preference values) is AES-GCM ciphertext under the memory key; the
 * files are owner-only, {@code secure_delete} is on, and {@link #forget} checkpoints and vacuums so a forgotten turn
 * leaves no copy in the file, the WAL or free pages. A database written before encryption is encrypted on open.
 *
 * <pre>{@code
 * try (SessionStore store = SessionStore.open(home, Clock.systemUTC())) {
 *     Session s = store.latest().orElseGet(store::create);
 * }
 * }</pre>
 */
public final class SessionStore implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A stored turn with its place in the database, as {@link #turnsWhere} finds it and {@link #forget} removes it. */
    public record StoredTurn(String session, int seq, Turn turn) {}

    private final Path file;
    private final Connection db;
    private final Clock clock;
    private final FieldCipher cipher;

    private SessionStore(Path file, Connection db, Clock clock, FieldCipher cipher) {
        this.file = file;
        this.db = db;
        this.clock = clock;
        this.cipher = cipher;
    }

    /** Opens the store of {@code home}, encrypted with the memory keyring key. */
    public static SessionStore open(ClayHome home, Clock clock) {
        return open(ClayHome.ensureDir(home.context()).resolve("sessions.db"), clock, new FieldCipher(MemoryKey.fromKeyring(home)));
    }

    public static SessionStore open(Path file, Clock clock, FieldCipher cipher) {
        try {
            ClayHome.ensureDir(file.getParent());
            if (!Files.exists(file)) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA synchronous=NORMAL");
                s.execute("PRAGMA secure_delete=ON");
                s.execute("PRAGMA busy_timeout=5000");
                s.execute("CREATE TABLE IF NOT EXISTS sessions (id TEXT PRIMARY KEY, task TEXT NOT NULL DEFAULT '', "
                        + "surfaces TEXT NOT NULL DEFAULT '[]', updated INTEGER NOT NULL)");
                s.execute("CREATE TABLE IF NOT EXISTS turns (session TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE, "
                        + "seq INTEGER NOT NULL, role TEXT NOT NULL, text TEXT NOT NULL, at INTEGER NOT NULL, PRIMARY KEY (session, seq))");
                s.execute("CREATE TABLE IF NOT EXISTS user_context (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
            }
            SessionStore store = new SessionStore(file, c, clock, cipher);
            store.encryptPlaintext();
            store.tightenPermissions();
            return store;
        } catch (IOException e) {
            throw new ClayException("cannot create the session database " + file + ": " + e.getMessage(),
                    "check that the directory is writable and the disk is not full", e);
        } catch (SQLException e) {
            throw new ClayException("cannot open the session database " + file + ": " + e.getMessage(),
                    "check that the directory is writable and the disk is not full", e);
        }
    }

    public synchronized Session create() {
        String id = UUID.randomUUID().toString();
        update("INSERT INTO sessions (id, task, surfaces, updated) VALUES (?, ?, ?, ?)", id, seal("task", ""),
                seal("surfaces", "[]"), clock.millis());
        return get(id).orElseThrow();
    }

    public synchronized Optional<Session> get(String id) {
        try (PreparedStatement p = db.prepareStatement("SELECT task, surfaces, updated FROM sessions WHERE id = ?")) {
            p.setString(1, id);
            ResultSet r = p.executeQuery();
            if (!r.next()) return Optional.empty();
            List<String> surfaces = JSON.readValue(open("surfaces", r.getObject(2)), new TypeReference<List<String>>() {});
            return Optional.of(new Session(id, open("task", r.getObject(1)), surfaces, turns(id), Instant.ofEpochMilli(r.getLong(3))));
        } catch (SQLException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw failure(e);
        }
    }

    /** The most recently updated session: what a restart resumes. */
    public synchronized Optional<Session> latest() {
        try (Statement s = db.createStatement()) {
            ResultSet r = s.executeQuery("SELECT id FROM sessions ORDER BY updated DESC, rowid DESC LIMIT 1");
            return r.next() ? get(r.getString(1)) : Optional.empty();
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    public synchronized void addTurn(String session, String role, String text) {
        long now = clock.millis();
        update("INSERT INTO turns (session, seq, role, text, at) VALUES (?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM turns WHERE session = ?), ?, ?, ?)",
                session, session, role, seal("text", text), now);
        update("UPDATE sessions SET updated = ? WHERE id = ?", now, session);
    }

    public synchronized void setTask(String session, String task) {
        update("UPDATE sessions SET task = ?, updated = ? WHERE id = ?", seal("task", task), clock.millis(), session);
    }

    public synchronized void setOpenSurfaces(String session, List<String> surfaces) {
        try {
            update("UPDATE sessions SET surfaces = ?, updated = ? WHERE id = ?", seal("surfaces", JSON.writeValueAsString(surfaces)), clock.millis(), session);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw failure(e);
        }
    }

    /** Sets a user-context entry (a preference, an expertise, a habit), e.g. {@code preference.units = metric}. */
    public synchronized void putUser(String key, String value) {
        update("INSERT INTO user_context (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value", key,
                seal("value", value));
    }

    public synchronized Map<String, String> user() {
        Map<String, String> out = new LinkedHashMap<>();
        try (Statement s = db.createStatement()) {
            ResultSet r = s.executeQuery("SELECT key, value FROM user_context ORDER BY key");
            while (r.next()) out.put(r.getString(1), open("value", r.getObject(2)));
            return out;
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    private List<Turn> turns(String id) throws SQLException {
        List<Turn> out = new ArrayList<>();
        try (PreparedStatement p = db.prepareStatement("SELECT role, text, at FROM turns WHERE session = ? ORDER BY seq")) {
            p.setString(1, id);
            ResultSet r = p.executeQuery();
            while (r.next()) out.add(new Turn(r.getString(1), open("text", r.getObject(2)), Instant.ofEpochMilli(r.getLong(3))));
        }
        return out;
    }

    /** Every stored turn of every session that {@code which} accepts, oldest first. */
    public synchronized List<StoredTurn> turnsWhere(Predicate<Turn> which) {
        List<StoredTurn> out = new ArrayList<>();
        try (Statement s = db.createStatement()) {
            ResultSet r = s.executeQuery("SELECT session, seq, role, text, at FROM turns ORDER BY at, session, seq");
            while (r.next()) {
                Turn t = new Turn(r.getString(3), open("text", r.getObject(4)), Instant.ofEpochMilli(r.getLong(5)));
                if (which.test(t)) out.add(new StoredTurn(r.getString(1), r.getInt(2), t));
            }
            return out;
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /**
     * Removes {@code turns} for good: the rows, then a WAL checkpoint, {@code VACUUM} and a second checkpoint, so no
     * copy stays in the file, the WAL or free pages. With {@code everything}, also every session's task and open
     * surfaces. Returns how many turns went.
     */
    public synchronized int forget(List<StoredTurn> turns, boolean everything) {
        int n = 0;
        try {
            db.setAutoCommit(false);
            try (PreparedStatement p = db.prepareStatement("DELETE FROM turns WHERE session = ? AND seq = ?")) {
                for (StoredTurn t : turns) {
                    p.setString(1, t.session());
                    p.setInt(2, t.seq());
                    n += p.executeUpdate();
                }
                if (everything) {
                    try (Statement s = db.createStatement()) {
                        n += s.executeUpdate("DELETE FROM turns");
                    }
                    try (PreparedStatement u = db.prepareStatement("UPDATE sessions SET task = ?, surfaces = ?")) {
                        u.setBytes(1, seal("task", ""));
                        u.setBytes(2, seal("surfaces", "[]"));
                        u.executeUpdate();
                    }
                }
                db.commit();
            } catch (SQLException e) {
                db.rollback();
                throw e;
            } finally {
                db.setAutoCommit(true);
            }
            purge();
            return n;
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    private void purge() throws SQLException {
        clay.memory.store.MemoryDb.purge(db, file);
    }

    /** Encrypts values a store from before encryption kept as plain text, then purges the plain copies. */
    private synchronized void encryptPlaintext() throws SQLException {
        int changed = 0;
        db.setAutoCommit(false);
        try (Statement s = db.createStatement()) {
            changed += reseal(s, "SELECT id, task, surfaces FROM sessions WHERE typeof(task) = 'text' OR typeof(surfaces) = 'text'",
                    "UPDATE sessions SET task = ?, surfaces = ? WHERE id = ?", new String[] {"task", "surfaces"});
            changed += reseal(s, "SELECT session || char(1) || seq, text FROM turns WHERE typeof(text) = 'text'",
                    "UPDATE turns SET text = ? WHERE session || char(1) || seq = ?", new String[] {"text"});
            changed += reseal(s, "SELECT key, value FROM user_context WHERE typeof(value) = 'text'",
                    "UPDATE user_context SET value = ? WHERE key = ?", new String[] {"value"});
            db.commit();
        } catch (SQLException e) {
            db.rollback();
            throw e;
        } finally {
            db.setAutoCommit(true);
        }
        if (changed > 0) purge();
    }

    private int reseal(Statement s, String select, String update, String[] columns) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        try (ResultSet r = s.executeQuery(select)) {
            while (r.next()) {
                Object[] row = new Object[columns.length + 1];
                for (int i = 0; i < columns.length; i++) row[i] = seal(columns[i], open(columns[i], r.getObject(i + 2)));
                row[columns.length] = r.getString(1);
                rows.add(row);
            }
        }
        try (PreparedStatement p = db.prepareStatement(update)) {
            for (Object[] row : rows) {
                for (int i = 0; i < row.length; i++) p.setObject(i + 1, row[i]);
                p.executeUpdate();
            }
        }
        return rows.size();
    }

    private byte[] seal(String column, String plain) {
        return cipher.encryptString("sessions." + column, plain);
    }

    /** A column value: ciphertext, or plain text from a store written before encryption. */
    private String open(String column, Object stored) {
        if (stored instanceof byte[] b) return cipher.decryptString("sessions." + column, b);
        return stored == null ? "" : stored.toString();
    }

    /** SQLite creates the WAL and shared-memory files with the process umask; make them owner-only. */
    private void tightenPermissions() {
        clay.memory.store.MemoryDb.ownerOnly(file);
    }

    /** The database file (for tests that prove what is and is not in it). */
    public Path file() {
        return file;
    }

    private void update(String sql, Object... args) {
        try (PreparedStatement p = db.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) p.setObject(i + 1, args[i]);
            p.executeUpdate();
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    private static ClayException failure(Exception e) {
        return new ClayException("session database error: " + e.getMessage(), "check disk space and permissions of $CLAY_HOME", e);
    }

    @Override
    public synchronized void close() {
        try {
            db.close();
        } catch (SQLException ignored) {
            // closing: nothing left to do
        }
    }
}
