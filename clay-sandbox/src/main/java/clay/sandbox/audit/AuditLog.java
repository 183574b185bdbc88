package clay.sandbox.audit;

import clay.core.ClayException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Append-only audit log in SQLite (WAL); every write is committed before {@link #record} returns. */
public final class AuditLog implements AutoCloseable {
    private final Connection db;

    private AuditLog(Connection db) {
        this.db = db;
    }

    public static AuditLog open(Path file) {
        return new AuditLog(clay.sandbox.store.SandboxDb.open(file, "the sandbox audit log",
                "CREATE TABLE IF NOT EXISTS audit (id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL,"
                        + " program TEXT NOT NULL, hash TEXT NOT NULL, kind TEXT NOT NULL, detail TEXT NOT NULL)",
                "CREATE INDEX IF NOT EXISTS audit_program ON audit(program)"));
    }

    public synchronized void record(AuditEvent e) {
        try (PreparedStatement ps = db.prepareStatement("INSERT INTO audit(at, program, hash, kind, detail) VALUES (?,?,?,?,?)")) {
            ps.setString(1, e.at().toString());
            ps.setString(2, e.program());
            ps.setString(3, e.hash());
            ps.setString(4, e.kind().name());
            ps.setString(5, e.detail());
            ps.executeUpdate();
        } catch (SQLException ex) {
            throw new ClayException("cannot write the audit log: " + ex.getMessage(), null, ex);
        }
    }

    public void record(String program, String hash, AuditEvent.Kind kind, String detail) {
        record(new AuditEvent(Instant.now(), program, hash, kind, detail));
    }

    /** The newest {@code limit} events, newest first, optionally of one program and/or one kind. */
    public synchronized List<AuditEvent> recent(int limit, Optional<String> program, Optional<AuditEvent.Kind> kind) {
        String sql = "SELECT at, program, hash, kind, detail FROM audit WHERE (? IS NULL OR program = ?) AND (? IS NULL OR kind = ?)"
                + " ORDER BY id DESC LIMIT ?";
        try (PreparedStatement ps = db.prepareStatement(sql)) {
            String p = program.orElse(null);
            String k = kind.map(Enum::name).orElse(null);
            ps.setString(1, p);
            ps.setString(2, p);
            ps.setString(3, k);
            ps.setString(4, k);
            ps.setInt(5, Math.max(1, limit));
            List<AuditEvent> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new AuditEvent(Instant.parse(rs.getString(1)), rs.getString(2), rs.getString(3),
                            AuditEvent.Kind.valueOf(rs.getString(4)), rs.getString(5)));
                }
            }
            return out;
        } catch (SQLException ex) {
            throw new ClayException("cannot read the audit log: " + ex.getMessage(), null, ex);
        }
    }

    @Override
    public synchronized void close() {
        try {
            db.close();
        } catch (SQLException ignored) {
            // closing anyway
        }
    }
}
