package clay.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import clay.core.ClayException;
import clay.core.ClayHome;
import clay.memory.crypto.MemoryKey;
import clay.memory.episodic.Episode;
import clay.memory.episodic.Interaction;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Encryption at rest and forgetting for real: proven on the bytes of the database files, not through the API. */
class PrivacyTest {
    static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    static final ZonedDateTime NOW = ZonedDateTime.of(2026, 11, 27, 14, 0, 0, 0, ZONE);
    static final String SECRET = "Zanzibar-Quokka surgery for Hildegard Okonkwo-Vance";

    @TempDir Path dir;

    private Memory open(ClayHome home, Memory.Options o) {
        return Memory.open(home, o.withClock(new TestClock(NOW.toInstant(), ZONE), ZONE));
    }

    @Test
    void theDatabaseFilesHoldNoPlaintextAndCannotBeReadWithoutTheKey() throws Exception {
        ClayHome home = new ClayHome(dir.resolve("home"));
        try (Memory m = open(home, Memory.Options.defaults())) {
            m.record(Interaction.of(NOW.toInstant(), "remember that the " + SECRET + " is on Monday", "remember", "Noted."));
            assertThat(m.recall().recall("Hildegard's surgery", 200).items()).isNotEmpty();
        }
        assertThat(rawBytes(home)).doesNotContain("Zanzibar", "Hildegard", "Okonkwo", "surgery", "remember");

        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + home.context().resolve("memory.db"));
                Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT payload FROM episodes")) {
            assertThat(rs.next()).isTrue();
            assertThat(new String(rs.getBytes(1), StandardCharsets.ISO_8859_1)).doesNotContain("Zanzibar", "remember");
        }

        Path keyring = MemoryKey.keyringFile(home);
        assertThat(Files.getPosixFilePermissions(keyring)).hasToString("[OWNER_READ, OWNER_WRITE]");
        Files.move(keyring, dir.resolve("stolen.key"));
        assertThatThrownBy(() -> open(home, Memory.Options.defaults()))
                .isInstanceOf(ClayException.class).hasMessageContaining("cannot be decrypted")
                .satisfies(e -> assertThat(((ClayException) e).fix()).isPresent());
    }

    @Test
    void aPassphraseDerivedKeyOpensOnlyWithTheSamePassphrase() {
        ClayHome home = new ClayHome(dir.resolve("home"));
        try (Memory m = open(home, Memory.Options.defaults().withPassphrase("correct horse".toCharArray()))) {
            m.remember("My locker code is in the blue notebook");
        }
        assertThatThrownBy(() -> open(home, Memory.Options.defaults().withPassphrase("wrong horse".toCharArray())))
                .isInstanceOf(ClayException.class).hasMessageContaining("wrong key or passphrase");
        try (Memory m = open(home, Memory.Options.defaults().withPassphrase("correct horse".toCharArray()))) {
            assertThat(m.facts().all()).extracting(f -> f.text()).containsExactly("My locker code is in the blue notebook");
        }
        assertThat(Files.exists(MemoryKey.keyringFile(home))).as("no keyring file in passphrase mode").isFalse();
    }

    @Test
    void forgottenMemoriesAreGoneFromTheDatabaseTheWalAndTheIndex() throws Exception {
        ClayHome home = new ClayHome(dir.resolve("home"));
        try (Memory m = open(home, Memory.Options.defaults())) {
            Episode keep = m.record(Interaction.of(NOW.minusDays(2).toInstant(), "plan the garden party", "note", "Planned.")).episode();
            Episode secret = m.record(Interaction.of(NOW.minusDays(1).toInstant(), "notes about the " + SECRET, "note", "Saved.")).episode();
            m.remember("Hildegard prefers morning appointments");
            Episode today = m.record(Interaction.of(NOW.minusHours(1).toInstant(), "draft the HB302 letter", "create_document", "Done.")).episode();
            List<byte[]> sealed = ciphertexts(home, "SELECT payload FROM episodes WHERE id = " + secret.id(),
                    "SELECT payload FROM facts", "SELECT embedding FROM episodes WHERE id = " + secret.id());

            int n = m.forgetAbout("Hildegard");
            assertThat(n).isEqualTo(2);
            assertThat(m.episodes().get(secret.id())).isEmpty();
            assertThat(m.facts().all()).isEmpty();
            assertThat(m.episodes().search(SECRET, Optional.empty(), Optional.empty(), 10))
                    .extracting(h -> h.episode().id()).doesNotContain(secret.id());
            byte[] raw = rawBytesOf(home);
            for (byte[] c : sealed) assertThat(indexOf(raw, Arrays.copyOfRange(c, 0, 24))).as("ciphertext left in a file").isEqualTo(-1);

            assertThat(m.forgetToday()).isEqualTo(1);
            assertThat(m.episodes().get(today.id())).isEmpty();
            assertThat(m.forgetEpisode(keep.id())).isEqualTo(1);
            assertThat(m.episodes().count()).isZero();

            m.remember("I like tea");
            assertThat(m.forgetEverything()).isEqualTo(1);
            assertThat(m.export().path("facts")).isEmpty();
        }
    }

    private static List<byte[]> ciphertexts(ClayHome home, String... queries) throws Exception {
        List<byte[]> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + home.context().resolve("memory.db"))) {
            for (String q : queries) {
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(q)) {
                    while (rs.next()) out.add(rs.getBytes(1));
                }
            }
        }
        assertThat(out).hasSize(3);
        return out;
    }

    /** The database, its WAL and shared-memory file, as bytes. */
    static byte[] rawBytesOf(ClayHome home) throws IOException {
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        try (var files = Files.list(home.context())) {
            for (Path f : files.toList()) all.write(Files.readAllBytes(f));
        }
        return all.toByteArray();
    }

    static String rawBytes(ClayHome home) throws IOException {
        return new String(rawBytesOf(home), StandardCharsets.ISO_8859_1);
    }

    static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i <= hay.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) if (hay[i + j] != needle[j]) continue outer;
            return i;
        }
        return -1;
    }
}
