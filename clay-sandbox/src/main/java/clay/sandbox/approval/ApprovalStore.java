package clay.sandbox.approval;

import clay.core.ClayException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Lasting decisions, keyed by program hash: {@link Decision#ALWAYS} and {@link Decision#NEVER} are kept,
 * {@link Decision#ONCE} is not. A changed program has a new hash and so no decision. Kept in SQLite.
 */
public final class ApprovalStore implements AutoCloseable {
    /**
     * A kept decision.
     *
     * @param hash the program hash it applies to
     * @param program the program's name when decided
     * @param decision ALWAYS or NEVER
     * @param capabilities the capabilities approved or refused, as written
     * @param decidedAt when
     */
    public record Stored(String hash, String program, Decision decision, String capabilities, Instant decidedAt) {}

    private final Connection db;

    private ApprovalStore(Connection db) {
        this.db = db;
    }

    public static ApprovalStore open(Path file) {
        return new ApprovalStore(clay.sandbox.store.SandboxDb.open(file, "the approval store",
                "CREATE TABLE IF NOT EXISTS approvals (hash TEXT PRIMARY KEY, program TEXT NOT NULL,"
                        + " decision TEXT NOT NULL, capabilities TEXT NOT NULL, decided_at TEXT NOT NULL)"));
    }

    public synchronized Optional<Stored> find(String hash) {
        try (PreparedStatement ps = db.prepareStatement(
                "SELECT hash, program, decision, capabilities, decided_at FROM approvals WHERE hash = ?")) {
            ps.setString(1, hash);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(row(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /** Keeps ALWAYS/NEVER for {@code hash}, replacing an earlier decision; ONCE is ignored. */
    public synchronized void keep(String hash, String program, Decision decision, String capabilities) {
        if (decision == Decision.ONCE) return;
        try (PreparedStatement ps = db.prepareStatement("INSERT OR REPLACE INTO approvals VALUES (?,?,?,?,?)")) {
            ps.setString(1, hash);
            ps.setString(2, program);
            ps.setString(3, decision.name());
            ps.setString(4, capabilities);
            ps.setString(5, Instant.now().toString());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /** Forgets decisions for a hash (or a hash prefix of at least 8 digits) or a program name; returns how many. */
    public synchronized int revoke(String hashOrProgram) {
        try (PreparedStatement ps = db.prepareStatement(
                "DELETE FROM approvals WHERE program = ? OR hash = ? OR (length(?) >= 8 AND hash LIKE ? || '%')")) {
            ps.setString(1, hashOrProgram);
            ps.setString(2, hashOrProgram);
            ps.setString(3, hashOrProgram);
            ps.setString(4, hashOrProgram);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    public synchronized List<Stored> list() {
        try (Statement s = db.createStatement();
                ResultSet rs = s.executeQuery("SELECT hash, program, decision, capabilities, decided_at FROM approvals ORDER BY decided_at DESC")) {
            List<Stored> out = new ArrayList<>();
            while (rs.next()) out.add(row(rs));
            return out;
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    private static Stored row(ResultSet rs) throws SQLException {
        return new Stored(rs.getString(1), rs.getString(2), Decision.valueOf(rs.getString(3)), rs.getString(4),
                Instant.parse(rs.getString(5)));
    }

    private static ClayException failure(SQLException e) {
        return new ClayException("approval store failed: " + e.getMessage(), null, e);
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
