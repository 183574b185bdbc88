package clay.fs;

import static org.assertj.core.api.Assertions.assertThat;

import clay.core.ClayHome;
import clay.fs.store.BlobStore;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a writing process with SIGKILL at a random moment and checks that nothing acknowledged was lost. Repeat a failed
 * run with {@code -Dclay.fs.crashSeed=<seed from the message>} (the kill moment still varies with timing).
 */
class CrashSafetyTest {
    /** An ack line as {@link CrashWriter} prints it; a line cut short by the kill does not match. */
    private static final Pattern ACK = Pattern.compile("ACK (persistent/crash/doc-\\d\\.txt) ([0-9a-f]{64})");
    @TempDir Path dir;

    @Test
    void killMinusNineLosesNoAcknowledgedVersionAndLeavesAnIndexThatOpens() throws Exception {
        long seed = Long.getLong("clay.fs.crashSeed", System.nanoTime());
        Random rnd = new Random(seed);
        int killAfter = 40 + rnd.nextInt(80);
        List<String[]> acks = new ArrayList<>();
        for (int round = 0; round < 2; round++) {
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow", "-Xmx512m",
                    "-cp", System.getProperty("java.class.path"), CrashWriter.class.getName(), dir.toString(),
                    String.valueOf(seed + round))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream()))) {
                int n = 0;
                String line;
                while ((line = out.readLine()) != null) {
                    if (!line.startsWith("ACK ")) continue;
                    Matcher m = ACK.matcher(line);
                    assertThat(m.matches()).as("seed %d: whole ack line: %s", seed, line).isTrue();
                    acks.add(new String[] {m.group(1), m.group(2)});
                    if (++n >= killAfter) {
                        p.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no close()
                        break;
                    }
                }
            } finally {
                p.destroyForcibly();
                p.waitFor(30, TimeUnit.SECONDS);
            }
            assertThat(p.exitValue()).as("seed %d: writer was killed by SIGKILL, did not stop by itself", seed)
                    .isEqualTo(128 + 9);
        }
        assertThat(acks).as("seed %d: writer acknowledged writes", seed).hasSizeGreaterThan(killAfter);

        try (ClayFs fs = ClayFs.open(new ClayHome(dir), FsOptions.defaults())) {
            Map<String, String> lastAck = new LinkedHashMap<>();
            for (String[] a : acks) {
                String path = a[0], hash = a[1];
                lastAck.put(path, hash);
                VersionInfo v = fs.log(path).stream().filter(x -> x.hash().equals(hash)).findFirst()
                        .orElseThrow(() -> new AssertionError("seed " + seed + ": acknowledged version lost: " + path + " " + hash
                                + "; its log: " + fs.log(path)));
                assertThat(BlobStore.sha256(fs.read(path, v.seq()))).isEqualTo(hash);
            }
            lastAck.forEach((path, hash) -> {
                int acked = fs.log(path).stream().filter(x -> x.hash().equals(hash)).findFirst().orElseThrow().seq();
                assertThat(fs.file(path).orElseThrow().version()).as("seed %d: %s is at its last ack or later", seed, path)
                        .isGreaterThanOrEqualTo(acked);
            });
            assertThat(fs.awaitIndexed(Duration.ofSeconds(120))).isTrue();
            assertThat(fs.find("alpha bravo charlie").hits()).as("seed %d: index opens and answers", seed).isNotEmpty();
            assertThat(fs.files("persistent/crash/")).extracting(FileRecord::status).containsOnly(FileStatus.INDEXED);
        }
    }
}
