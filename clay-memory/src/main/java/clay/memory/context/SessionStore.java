package clay.memory.context;

import clay.core.ClayException;
import clay.core.ClayHome;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
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

/**
 * Sessions, turns and user preferences in SQLite ({@code $CLAY_HOME/clay/context/sessions.db}, WAL), so a restart
 * resumes where the user was. Every write is one transaction; an acknowledged write survives a crash.
 *
 * <pre>{@code
 * try (SessionStore store = SessionStore.open(home, Clock.systemUTC())) {
 *     Session s = store.latest().orElseGet(store::create);
 * }
 * }</pre>
 */
public final class SessionStore implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Connection db;
    private final Clock clock;

    private SessionStore(Connection db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    public static SessionStore open(ClayHome home, Clock clock) {
        return open(ClayHome.ensureDir(home.context()).resolve("sessions.db"), clock);
    }

    public static SessionStore open(Path file, Clock clock) {
        try {
            Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA synchronous=NORMAL");
                s.execute("PRAGMA busy_timeout=5000");
                s.execute("CREATE TABLE IF NOT EXISTS sessions (id TEXT PRIMARY KEY, task TEXT NOT NULL DEFAULT '', "
                        + "surfaces TEXT NOT NULL DEFAULT '[]', updated INTEGER NOT NULL)");
                s.execute("CREATE TABLE IF NOT EXISTS turns (session TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE, "
                        + "seq INTEGER NOT NULL, role TEXT NOT NULL, text TEXT NOT NULL, at INTEGER NOT NULL, PRIMARY KEY (session, seq))");
                s.execute("CREATE TABLE IF NOT EXISTS user_context (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
            }
            return new SessionStore(c, clock);
        } catch (SQLException e) {
            throw new ClayException("cannot open the session database " + file + ": " + e.getMessage(),
                    "check that the directory is writable and the disk is not full", e);
        }
    }

    public synchronized Session create() {
        String id = UUID.randomUUID().toString();
        update("INSERT INTO sessions (id, updated) VALUES (?, ?)", id, clock.millis());
        return get(id).orElseThrow();
    }

    public synchronized Optional<Session> get(String id) {
        try (PreparedStatement p = db.prepareStatement("SELECT task, surfaces, updated FROM sessions WHERE id = ?")) {
            p.setString(1, id);
            ResultSet r = p.executeQuery();
            if (!r.next()) return Optional.empty();
            List<String> surfaces = JSON.readValue(r.getString(2), new TypeReference<List<String>>() {});
            return Optional.of(new Session(id, r.getString(1), surfaces, turns(id), Instant.ofEpochMilli(r.getLong(3))));
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
                session, session, role, text, now);
        update("UPDATE sessions SET updated = ? WHERE id = ?", now, session);
    }

    public synchronized void setTask(String session, String task) {
        update("UPDATE sessions SET task = ?, updated = ? WHERE id = ?", task, clock.millis(), session);
    }

    public synchronized void setOpenSurfaces(String session, List<String> surfaces) {
        try {
            update("UPDATE sessions SET surfaces = ?, updated = ? WHERE id = ?", JSON.writeValueAsString(surfaces), clock.millis(), session);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw failure(e);
        }
    }

    /** Sets a user-context entry (a preference, an expertise, a habit), e.g. {@code preference.units = metric}. */
    public synchronized void putUser(String key, String value) {
        update("INSERT INTO user_context (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value", key, value);
    }

    public synchronized Map<String, String> user() {
        Map<String, String> out = new LinkedHashMap<>();
        try (Statement s = db.createStatement()) {
            ResultSet r = s.executeQuery("SELECT key, value FROM user_context ORDER BY key");
            while (r.next()) out.put(r.getString(1), r.getString(2));
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
            while (r.next()) out.add(new Turn(r.getString(1), r.getString(2), Instant.ofEpochMilli(r.getLong(3))));
        }
        return out;
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
