package clay.intelligence.model.store;

import clay.core.ClayException;
import clay.core.ModelUnavailableException;
import clay.intelligence.llama.GgufFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Downloads a GGUF over HTTP(S) into {@code target}: streamed into {@code target.part} (resumed with a Range request
 * when a part is left from an interrupted run), hashed with SHA-256 on the way, checked against the expected hash,
 * checked as GGUF, then renamed into place. A mismatch deletes the part.
 */
public final class Download {
    /** Progress of a download; {@code total} is -1 when the server does not say. Called often; keep it cheap. */
    @FunctionalInterface
    public interface Progress {
        void update(long done, long total);

        Progress NONE = (done, total) -> {};
    }

    /** What arrived: where, how big, its hash, and whether it resumed an earlier part. */
    public record Result(Path file, long bytes, String sha256, boolean resumed) {}

    private final HttpClient http;

    public Download() {
        this(HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(20)).build());
    }

    Download(HttpClient http) {
        this.http = http;
    }

    /**
     * @param sha256 expected lower- or upper-case hex hash, or null to accept and report whatever arrives
     * @throws ModelUnavailableException when the server fails, the hash differs, or the file is not GGUF
     */
    public Result fetch(URI url, Path target, @Nullable String sha256, Progress progress) {
        Path part = target.resolveSibling(target.getFileName() + ".part");
        try {
            Files.createDirectories(target.toAbsolutePath().getParent());
            long have = Files.isRegularFile(part) ? Files.size(part) : 0;
            HttpRequest.Builder req = HttpRequest.newBuilder(url).GET().header("user-agent", "clay/0.1");
            if (have > 0) req.header("range", "bytes=" + have + "-");
            HttpResponse<InputStream> response = http.send(req.build(), HttpResponse.BodyHandlers.ofInputStream());
            int status = response.statusCode();
            boolean resumed = status == 206 && have > 0;
            if (status == 416 && have > 0) { // the part is already complete
                response.body().close();
                return finish(part, target, sha256, hash(part, null), Files.size(part), true);
            }
            if (status != 200 && status != 206) {
                response.body().close();
                throw new ModelUnavailableException("download of " + url + " failed: HTTP " + status,
                        status == 404 ? "the file is gone from the server; check the URL or pick another model"
                                : "try again later (clay models pull resumes where it stopped)");
            }
            if (!resumed) have = 0;
            long length = response.headers().firstValueAsLong("content-length").orElse(-1);
            long total = length < 0 ? -1 : have + length;
            MessageDigest digest = sha();
            if (resumed) hash(part, digest);
            long done = have;
            try (InputStream in = response.body();
                    OutputStream out = Files.newOutputStream(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                            resumed ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING)) {
                byte[] buf = new byte[1 << 16];
                progress.update(done, total);
                for (int n; (n = in.read(buf)) > 0; ) {
                    out.write(buf, 0, n);
                    digest.update(buf, 0, n);
                    done += n;
                    progress.update(done, total);
                }
            }
            if (total >= 0 && done != total) {
                throw new ModelUnavailableException("download of " + url + " ended early (" + done + " of " + total
                        + " bytes)", "run the same command again: it resumes where it stopped");
            }
            return finish(part, target, sha256, HexFormat.of().formatHex(digest.digest()), done, resumed);
        } catch (IOException e) {
            throw new ModelUnavailableException("download of " + url + " failed: " + e.getMessage(),
                    "check the network and run the same command again: it resumes where it stopped", true, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClayException("download interrupted; the partial file is kept for resuming", null);
        }
    }

    private static Result finish(Path part, Path target, @Nullable String expected, String actual, long bytes,
            boolean resumed) throws IOException {
        if (expected != null && !expected.toLowerCase(Locale.ROOT).equals(actual)) {
            Files.deleteIfExists(part);
            throw new ModelUnavailableException("checksum mismatch for " + target.getFileName() + ": expected sha256 "
                    + expected.toLowerCase(Locale.ROOT) + ", got " + actual,
                    "the download was corrupted or the server sent another file; the partial file was deleted,"
                            + " run the command again");
        }
        try {
            GgufFile.inspect(part);
        } catch (ModelUnavailableException e) {
            Files.deleteIfExists(part);
            throw new ModelUnavailableException("the downloaded file is not a usable GGUF model: " + e.getMessage(),
                    "check the URL points at a .gguf file (not an HTML page)");
        }
        Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return new Result(target, bytes, actual, resumed);
    }

    private static MessageDigest sha() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Feeds {@code file} into {@code digest} (a fresh one when null) and returns the hex hash so far. */
    static String hash(Path file, @Nullable MessageDigest digest) throws IOException {
        MessageDigest d = digest == null ? sha() : digest;
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) d.update(buf, 0, n);
        }
        return digest == null ? HexFormat.of().formatHex(d.digest()) : "";
    }
}
