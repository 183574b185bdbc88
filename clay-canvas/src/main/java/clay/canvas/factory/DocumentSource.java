package clay.canvas.factory;

import clay.core.InvalidInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads documents the factory is asked to show. Implementations must throw {@link InvalidInputException} naming the
 * path when it cannot be read. ClayFS can provide its own; {@link #files()} reads plain UTF-8 files.
 */
@FunctionalInterface
public interface DocumentSource {

    Document read(String path);

    /** Plain files on disk, read as UTF-8 text (up to 5 MB). */
    static DocumentSource files() {
        return path -> {
            Path p = Path.of(path).toAbsolutePath().normalize();
            try {
                if (!Files.isRegularFile(p)) throw new InvalidInputException("no such file: " + p, "Check the path.");
                if (Files.size(p) > 5_000_000) throw new InvalidInputException(p + " is larger than 5 MB", "Open a smaller text file.");
                return new Document(p.toString(), p.getFileName().toString(), Files.readString(p, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new InvalidInputException("cannot read " + p + ": " + e.getMessage(), "Check that it is a readable UTF-8 text file.", e);
            }
        };
    }
}
