package clay.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Objects;

/**
 * One user's Clay directory ({@code $CLAY_HOME}, default {@code ~/.clay}) and the fixed places inside it. Every
 * directory is created owner-only (0700) so another OS user cannot read it.
 *
 * <pre>{@code
 * ClayHome home = ClayHome.fromEnvironment();
 * Path blobs = home.persistent();
 * }</pre>
 */
public record ClayHome(Path root) {
    public ClayHome {
        root = Objects.requireNonNull(root, "root").toAbsolutePath().normalize();
    }

    /** {@code $CLAY_HOME} if set, else {@code ~/.clay}. */
    public static ClayHome fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    public static ClayHome fromEnvironment(Map<String, String> env) {
        String home = env.get("CLAY_HOME");
        if (home != null && !home.isBlank()) return new ClayHome(Path.of(home));
        return new ClayHome(Path.of(System.getProperty("user.home"), ".clay"));
    }

    /** User files: watched, versioned, indexed. */
    public Path persistent() { return root.resolve("clay/persistent"); }

    /** Generated content with an expiry. */
    public Path ephemeral() { return root.resolve("clay/ephemeral"); }

    /** Context and memory databases. */
    public Path context() { return root.resolve("clay/context"); }

    /** Programs Clay wrote, with manifests. */
    public Path generated() { return root.resolve("clay/generated"); }

    /** Cloud response cache. */
    public Path cache() { return root.resolve("clay/cache"); }

    /** Runtime state: token, port, pid, logs. */
    public Path runtime() { return root.resolve("runtime"); }

    /**
     * The Unix socket the CLI reaches this home's runtime on: {@code $XDG_RUNTIME_DIR/clay/<hash of the home>.sock}
     * (a per-user tmpfs that only its owner can enter), or {@code runtime/api.sock} inside the home when
     * {@code XDG_RUNTIME_DIR} is unset or the path would be too long for a socket address. Its directory is the one to
     * create owner-only before binding.
     */
    public Path socket() {
        return socket(System.getenv("XDG_RUNTIME_DIR"));
    }

    /** {@link #socket()} for a given {@code XDG_RUNTIME_DIR} (null or blank when unset). */
    public Path socket(String xdgRuntimeDir) {
        Path fallback = runtime().resolve("api.sock");
        if (xdgRuntimeDir == null || xdgRuntimeDir.isBlank() || !Path.of(xdgRuntimeDir).isAbsolute()) return fallback;
        String id = java.util.HexFormat.of().formatHex(sha256(root.toString())).substring(0, 16);
        Path p = Path.of(xdgRuntimeDir, "clay", id + ".sock");
        return p.toString().length() < 100 ? p : fallback;
    }

    private static byte[] sha256(String s) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Downloaded and registered model files. */
    public Path models() { return root.resolve("models"); }

    /** Internal state of a module (indexes, databases) that is not user content. */
    public Path state(String module) { return root.resolve("state").resolve(module); }

    /** Creates every standard directory (owner-only) and returns this. */
    public ClayHome ensure() {
        for (Path p : new Path[] {root, persistent(), ephemeral(), context(), generated(), cache(), runtime(), models()}) {
            ensureDir(p);
        }
        return this;
    }

    /** Creates {@code dir} and its parents with owner-only permissions where the file system supports them. */
    public static Path ensureDir(Path dir) {
        try {
            if (!Files.isDirectory(dir)) Files.createDirectories(dir);
            try {
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system; nothing more we can do
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
    }
}
