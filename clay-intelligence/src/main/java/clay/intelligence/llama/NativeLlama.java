package clay.intelligence.llama;

import clay.core.ClayHome;
import clay.core.ModelUnavailableException;
import de.kherud.llama.LlamaModel;
import de.kherud.llama.LogLevel;
import de.kherud.llama.args.LogFormat;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads java-llama.cpp's native library once per process, safely. Its own loader extracts {@code libjllama.so} to a
 * fixed name in the shared temp directory (where another user could plant one), deletes every {@code llama*} /
 * {@code jllama*} file it finds there and prints to stdout; here the library is extracted into the user's own cache
 * ({@code ~/.cache/clay/jllama-VERSION/}, 0700; temp file + rename, so concurrent processes never see half a
 * library), the loader is pointed at it, and llama.cpp's log goes to SLF4J with the last lines kept for errors.
 */
final class NativeLlama {
    private static final Logger LOG = LoggerFactory.getLogger("clay.llama.cpp");
    private static final String VERSION = "4.2.0";
    private static final Deque<String> RECENT = new ArrayDeque<>();
    private static volatile boolean ready;

    private NativeLlama() {}

    static synchronized void ensureLoaded() {
        if (ready) return;
        try {
            if (System.getProperty("de.kherud.llama.lib.path") == null) extract();
            ready = true;
        } catch (IOException | java.io.UncheckedIOException | LinkageError e) {
            throw new ModelUnavailableException("cannot load the llama.cpp native library: " + e.getMessage(),
                    "check that " + cacheDir() + " is writable and not mounted noexec,"
                            + " or set -Dde.kherud.llama.lib.path to a directory holding libjllama.so",
                    false, e);
        }
    }

    private static void extract() throws IOException {
        String os = System.getProperty("os.name").startsWith("Linux") ? "Linux" : System.getProperty("os.name");
        String arch = switch (System.getProperty("os.arch")) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "aarch64";
            default -> System.getProperty("os.arch");
        };
        String resource = "/de/kherud/llama/" + os + "/" + arch + "/libjllama.so";
        Path base = cacheDir().resolve("jllama-" + VERSION);
        Path dir = base.resolve(os + "-" + arch);
        Path lib = dir.resolve("libjllama.so");
        try (InputStream in = LlamaModel.class.getResourceAsStream(resource)) {
            if (in == null) return; // not bundled for this platform: let the library's own loader explain
            ClayHome.ensureDir(dir);
            byte[] bytes = in.readAllBytes();
            // compared in full, not by size: a library someone else put here must never be loaded
            if (!Files.isRegularFile(lib) || !Arrays.equals(Files.readAllBytes(lib), bytes)) {
                Path tmp = Files.createTempFile(dir, "lib", ".tmp");
                try {
                    Files.write(tmp, bytes);
                    Files.move(tmp, lib, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } finally {
                    Files.deleteIfExists(tmp);
                }
            }
        }
        Path scratch = ClayHome.ensureDir(base.resolve("scratch"));
        System.setProperty("de.kherud.llama.lib.path", dir.toString());
        System.setProperty("de.kherud.llama.tmpdir", scratch.toString());
    }

    /**
     * Routes llama.cpp's log to SLF4J. Loading a model re-installs llama.cpp's own stderr logger (common_init), so
     * this runs after every load; loads themselves run with {@code --log-disable}.
     */
    static void routeLog() {
        LlamaModel.setLogger(LogFormat.TEXT, NativeLlama::log);
    }

    /** The user's own cache ({@code $XDG_CACHE_HOME/clay}, else {@code ~/.cache/clay}), never a shared directory. */
    private static Path cacheDir() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path root = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return root.resolve("clay");
    }

    private static void log(LogLevel level, String message) {
        String line = message.strip();
        if (line.isEmpty()) return;
        synchronized (RECENT) {
            if (RECENT.size() == 40) RECENT.removeFirst();
            RECENT.addLast(line);
        }
        switch (level) {
            case ERROR -> LOG.warn(line);
            case WARN -> LOG.info(line);
            default -> LOG.debug(line);
        }
    }

    /** The last lines llama.cpp logged that look like errors, for exception messages. */
    static String recentErrors() {
        List<String> lines;
        synchronized (RECENT) {
            lines = List.copyOf(RECENT);
        }
        return String.join("; ", lines.stream()
                .filter(l -> Stream.of("error", "failed", "invalid", "unable", "corrupt")
                        .anyMatch(w -> l.toLowerCase().contains(w)))
                .toList().reversed().stream().limit(3).toList().reversed());
    }

    /** True when this machine shows a GPU llama.cpp could offload to (NVIDIA, AMD ROCm, or a DRM render node). */
    static boolean gpuPresent() {
        if (Files.exists(Path.of("/dev/nvidia0")) || Files.exists(Path.of("/dev/kfd"))) return true;
        try (Stream<Path> nodes = Files.list(Path.of("/dev/dri"))) {
            return nodes.anyMatch(p -> p.getFileName().toString().startsWith("renderD"));
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
