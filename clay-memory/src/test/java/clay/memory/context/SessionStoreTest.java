package clay.memory.context;

import static org.assertj.core.api.Assertions.assertThat;

import clay.core.ClayHome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The conversation is kept like the rest of memory: encrypted, owner-only, and gone for good when forgotten. */
class SessionStoreTest {
    static final String SECRET = "Ottilie Brandstetter locker code ZQX-98231";

    @TempDir Path dir;

    @Test
    void turnsTasksAndPreferencesAreCiphertextInOwnerOnlyFiles() throws Exception {
        ClayHome home = new ClayHome(dir.resolve("home"));
        try (SessionStore store = SessionStore.open(home, Clock.systemUTC())) {
            Session s = store.create();
            store.addTurn(s.id(), "user", "explain why " + SECRET + " matters");
            store.setTask(s.id(), "review " + SECRET);
            store.setOpenSurfaces(s.id(), List.of("Brandstetter notes"));
            store.putUser("preference.contact", "Brandstetter");
            assertThat(store.get(s.id()).orElseThrow().turns().get(0).text()).contains("ZQX-98231");
            assertThat(store.user()).containsEntry("preference.contact", "Brandstetter");
            assertThat(raw(home)).doesNotContain("Brandstetter", "ZQX-98231", "Ottilie");
            try (Stream<Path> files = Files.list(home.context())) {
                files.filter(f -> f.getFileName().toString().startsWith("sessions.db")).forEach(f ->
                        assertThat(perms(f)).as(f.toString()).isEqualTo("rw-------"));
            }
            assertThat(perms(home.context())).isEqualTo("rwx------");
        }
        try (SessionStore again = SessionStore.open(home, Clock.systemUTC())) {
            assertThat(again.latest().orElseThrow().task()).isEqualTo("review " + SECRET);
        }
    }

    @Test
    void forgottenTurnsLeaveNoCopyInTheFileTheWalOrFreePages() throws Exception {
        ClayHome home = new ClayHome(dir.resolve("home"));
        try (SessionStore store = SessionStore.open(home, Clock.systemUTC())) {
            Session s = store.create();
            store.addTurn(s.id(), "user", "what time is it");
            store.addTurn(s.id(), "user", "tell me about " + SECRET);
            store.addTurn(s.id(), "assistant", "It is about the locker.");
            List<SessionStore.StoredTurn> hit = store.turnsWhere(t -> t.text().contains("ZQX"));
            assertThat(hit).hasSize(1);

            assertThat(store.forget(hit, false)).isEqualTo(1);

            assertThat(store.get(s.id()).orElseThrow().turns()).extracting(Turn::text)
                    .containsExactly("what time is it", "It is about the locker.");
            assertThat(Files.size(home.context().resolve("sessions.db-wal"))).as("WAL truncated").isZero();
            assertThat(store.forget(List.of(), true)).isEqualTo(2);
            assertThat(store.get(s.id()).orElseThrow().turns()).isEmpty();
        }
    }

    @Test
    void aStoreWrittenBeforeEncryptionIsEncryptedWhenOpened() throws Exception {
        ClayHome home = new ClayHome(dir.resolve("home"));
        Path file = ClayHome.ensureDir(home.context()).resolve("sessions.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE sessions (id TEXT PRIMARY KEY, task TEXT NOT NULL DEFAULT '', surfaces TEXT NOT NULL DEFAULT '[]', updated INTEGER NOT NULL)");
            s.execute("CREATE TABLE turns (session TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE, seq INTEGER NOT NULL, "
                    + "role TEXT NOT NULL, text TEXT NOT NULL, at INTEGER NOT NULL, PRIMARY KEY (session, seq))");
            s.execute("INSERT INTO sessions (id, task, updated) VALUES ('old', 'plan the Brandstetter visit', 1)");
            s.execute("INSERT INTO turns VALUES ('old', 1, 'user', 'my code is ZQX-98231', 1)");
        }
        assertThat(raw(home)).contains("ZQX-98231");
        try (SessionStore store = SessionStore.open(home, Clock.systemUTC())) {
            Session old = store.get("old").orElseThrow();
            assertThat(old.turns().get(0).text()).isEqualTo("my code is ZQX-98231");
            assertThat(old.task()).isEqualTo("plan the Brandstetter visit");
        }
        assertThat(raw(home)).doesNotContain("ZQX-98231", "Brandstetter");
    }

    private static String perms(Path p) {
        try {
            return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Every byte of every file under the home, as Latin-1 so any byte sequence survives. */
    static String raw(ClayHome home) throws IOException {
        StringBuilder sb = new StringBuilder();
        try (Stream<Path> files = Files.walk(home.root())) {
            for (Path f : files.filter(Files::isRegularFile).toList()) sb.append(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
        }
        return sb.toString();
    }
}
