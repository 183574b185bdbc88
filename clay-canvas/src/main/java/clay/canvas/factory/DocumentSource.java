package clay.canvas.factory;

import clay.core.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Set;

/**
 * Reads documents the factory is asked to show. Implementations must throw {@link InvalidInputException} naming the
 * path when it cannot (or may not) be read. ClayFS can provide its own; {@link #files()} reads any plain UTF-8 file and
 * suits tests and tools; the runtime uses {@link #within} so a surface can show only files the user keeps in Clay or
 * granted.
 */
@FunctionalInterface
public interface DocumentSource {

    Document read(String path);

    /** Plain files on disk, read as UTF-8 text (up to 5 MB). */
    static DocumentSource files() {
        return path -> read(Path.of(path).toAbsolutePath().normalize(), false);
    }

    /**
     * Plain files under one of {@code allowed} and under none of {@code denied}, judged both by the path as written
     * and by where its symlinks lead (so a link inside an allowed folder cannot reach out of it). A refusal names no
     * detail of the file, not even whether it exists.
     */
    static DocumentSource within(List<Path> allowed, List<Path> denied) {
        List<Path> in = allowed.stream().map(DocumentSource::real).toList();
        List<Path> out = denied.stream().map(DocumentSource::real).toList();
        return path -> {
            Path p = Path.of(path).toAbsolutePath().normalize();
            if (!permitted(p, in, out)) throw refused(p);
            Path real;
            try {
                real = p.toRealPath();
            } catch (IOException e) {
                throw new InvalidInputException("no such file: " + p, "Check the path.");
            }
            if (!permitted(real, in, out)) throw refused(p);
            return read(real, true);
        };
    }

    private static boolean permitted(Path p, List<Path> allowed, List<Path> denied) {
        return allowed.stream().anyMatch(p::startsWith) && denied.stream().noneMatch(p::startsWith);
    }

    private static InvalidInputException refused(Path p) {
        return new InvalidInputException("Clay shows only files it keeps or files you granted; " + p + " is neither",
                "Add the file to Clay (clay fs add FILE) or grant its folder in the config ([canvas] documents = [\"/path\"]).");
    }

    /** Where a folder really is (its symlinks resolved); as written when it does not exist (yet). */
    private static Path real(Path dir) {
        Path p = dir.toAbsolutePath().normalize();
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return p;
        }
    }

    /** Reads a regular file as strict UTF-8; {@code noFollow} refuses a final symlink (one swapped in after a check). */
    private static Document read(Path p, boolean noFollow) {
        try {
            if (!Files.isRegularFile(p)) throw new InvalidInputException("no such file: " + p, "Check the path.");
            if (Files.size(p) > 5_000_000) throw new InvalidInputException(p + " is larger than 5 MB", "Open a smaller text file.");
            Set<OpenOption> how = noFollow ? Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS) : Set.of(StandardOpenOption.READ);
            byte[] bytes;
            try (InputStream s = Channels.newInputStream(Files.newByteChannel(p, how))) {
                bytes = s.readNBytes(5_000_000);
            }
            String text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
            return new Document(p.toString(), p.getFileName().toString(), text);
        } catch (IOException e) {
            throw new InvalidInputException("cannot read " + p + ": " + e.getMessage(), "Check that it is a readable UTF-8 text file.", e);
        }
    }
}
