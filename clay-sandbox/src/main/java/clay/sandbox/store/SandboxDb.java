package clay.sandbox.store;

import clay.core.ClayException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** Opens one of the sandbox's SQLite files in WAL mode and applies its schema. */
public final class SandboxDb {
    private SandboxDb() {}

    /**
     * @param what what the file is, for the error message ("the approval store")
     * @param schema idempotent statements ({@code CREATE ... IF NOT EXISTS})
     */
    public static Connection open(Path file, String what, String... schema) {
        try {
            Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA busy_timeout=5000");
                s.execute("PRAGMA synchronous=NORMAL"); // WAL: survives a crash of Clay; a power cut may lose the last rows
                for (String ddl : schema) s.execute(ddl);
            }
            return c;
        } catch (SQLException e) {
            throw new ClayException("cannot open " + what + " " + file + ": " + e.getMessage(),
                    "check that the Clay home is writable", e);
        }
    }
}
