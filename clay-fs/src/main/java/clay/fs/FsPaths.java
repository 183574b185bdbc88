package clay.fs;

import clay.core.ClayHome;
import clay.core.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Turns what a user or program names into a ClayFS path ({@code persistent/a/b.md}) and back, refusing anything that
 * would land outside {@code persistent/} or {@code ephemeral/} (.., absolute paths elsewhere, symlinks out).
 */
final class FsPaths {
    private final Path root;

    FsPaths(ClayHome home) {
        this.root = home.persistent().getParent();
    }

    Path root() {
        return root;
    }

    /** Accepts an absolute path inside the ClayFS root, {@code persistent/...}, {@code ephemeral/...} or a bare relative path (persistent). */
    String key(String name) {
        if (name == null || name.isBlank()) throw new InvalidInputException("empty path", "name a file, e.g. notes/todo.md");
        if (name.indexOf('\0') >= 0) throw new InvalidInputException("path contains a NUL byte", "use a normal file name");
        Path p = Path.of(name);
        Path abs = p.isAbsolute() ? p.normalize() : null;
        if (abs == null) {
            Path rel = p.normalize();
            String first = rel.getNameCount() > 0 ? rel.getName(0).toString() : "";
            abs = (first.equals("persistent") || first.equals("ephemeral") ? root.resolve(rel) : root.resolve("persistent").resolve(rel)).normalize();
        }
        return keyOf(abs, name);
    }

    /** The ClayFS path of an absolute file system path, refusing paths outside the root. */
    String keyOf(Path abs, String asGiven) {
        Path a = abs.toAbsolutePath().normalize();
        Path rel = root.relativize(a);
        String first = rel.getNameCount() > 1 ? rel.getName(0).toString() : "";
        if (a.startsWith(root) && !rel.startsWith("..") && (first.equals("persistent") || first.equals("ephemeral"))) {
            checkNoSymlinkEscape(a, asGiven);
            return rel.toString().replace('\\', '/');
        }
        throw new InvalidInputException("'" + asGiven + "' is outside ClayFS (" + root + "/persistent and /ephemeral)",
                "use `clay fs add " + asGiven + "` to copy an outside file in, or give a path under " + root.resolve("persistent"));
    }

    private void checkNoSymlinkEscape(Path abs, String asGiven) {
        Path existing = abs;
        while (existing != null && !Files.exists(existing)) existing = existing.getParent();
        if (existing == null) return;
        try {
            Path real = existing.toRealPath();
            Path realRoot = root.toRealPath();
            if (!real.startsWith(realRoot)) {
                throw new InvalidInputException("'" + asGiven + "' leads outside ClayFS through a symbolic link",
                        "copy the file in with `clay fs add` instead of linking to it");
            }
        } catch (IOException e) {
            // the root does not exist yet: nothing can escape it
        }
    }

    Path file(String key) {
        return root.resolve(key);
    }
}
