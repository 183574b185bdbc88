package clay.fs;

import clay.core.ClayHome;
import clay.core.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Turns what a user or program names into a ClayFS path ({@code persistent/a/b.md}) and back, refusing anything that
 * would land outside {@code persistent/} or {@code ephemeral/} (.., absolute paths elsewhere, symlinks out of the
 * space, even into a sibling such as {@code generated/}).
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
            checkNoSymlinkEscape(a, root.resolve(first), asGiven);
            return rel.toString().replace('\\', '/');
        }
        throw new InvalidInputException("'" + asGiven + "' is outside ClayFS (" + root + "/persistent and /ephemeral)",
                "use `clay fs add " + asGiven + "` to copy an outside file in, or give a path under " + root.resolve("persistent"));
    }

    /**
     * Refuses a path whose nearest existing ancestor (the file itself when it exists) really lies outside its own space:
     * a link in {@code persistent/} to {@code ../generated} or {@code ../ephemeral} leads out of {@code persistent/}
     * even though it stays under ClayFS's root, and ClayFS never writes into Clay's other directories.
     */
    private static void checkNoSymlinkEscape(Path abs, Path space, String asGiven) {
        Path existing = abs;
        while (existing != null && !Files.exists(existing)) existing = existing.getParent();
        if (existing == null) return;
        Path realSpace;
        try {
            realSpace = space.toRealPath();
        } catch (IOException e) {
            return; // the space does not exist yet: nothing in it can lead out
        }
        Path real;
        try {
            real = existing.toRealPath();
        } catch (IOException e) {
            throw new InvalidInputException("'" + asGiven + "' cannot be resolved: " + e.getMessage(), "check the path");
        }
        if (!real.startsWith(realSpace)) {
            throw new InvalidInputException("'" + asGiven + "' leads outside " + space.getFileName() + "/ through a symbolic link",
                    "copy the file in with `clay fs add` instead of linking to it");
        }
    }

    Path file(String key) {
        return root.resolve(key);
    }
}
