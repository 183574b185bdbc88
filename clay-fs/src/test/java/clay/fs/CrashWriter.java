package clay.fs;

import clay.core.ClayHome;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;

/**
 * Child process of {@link CrashSafetyTest}: writes versions as fast as it can and prints {@code ACK path hash} after
 * each write returns (the moment ClayFS acknowledges it), until it is killed.
 */
public final class CrashWriter {
    public static void main(String[] args) {
        Random rnd = new Random(Long.parseLong(args[1]));
        String[] words = "alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike november".split(" ");
        try (ClayFs fs = ClayFs.open(new ClayHome(Path.of(args[0])), FsOptions.defaults().withCoalesce(Duration.ZERO))) {
            System.out.println("READY");
            for (int i = 0; ; i++) {
                StringBuilder b = new StringBuilder("document ").append(i).append('\n');
                for (int w = 0; w < 40 + rnd.nextInt(200); w++) b.append(words[rnd.nextInt(words.length)]).append(' ');
                String path = "crash/doc-" + (i % 9) + ".txt";
                FileRecord r = fs.write(path, b.toString());
                System.out.println("ACK " + r.path() + " " + r.hash());
                System.out.flush();
            }
        }
    }
}
