package clay.sandbox.manifest;

import clay.core.InvalidInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A program's source with what follows from it: language, capability manifest and SHA-256 hash. Changing one byte of
 * the source changes the hash, so approvals given for the old code no longer apply.
 *
 * @param name a short display name (file name or generated program name)
 * @param language the language it is written in
 * @param source the full source text
 * @param manifest the capabilities declared in its header
 * @param hash lowercase hex SHA-256 of the UTF-8 source
 */
public record Program(String name, Language language, String source, Manifest manifest, String hash) {
    public static final int MAX_SOURCE_BYTES = 1 << 20;

    public Program {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(manifest, "manifest");
        Objects.requireNonNull(hash, "hash");
    }

    /** Parses {@code source}; throws {@link InvalidInputException} when the header is malformed or the source too big. */
    public static Program of(String name, Language language, String source) {
        if (source.length() > MAX_SOURCE_BYTES) {
            throw new InvalidInputException("program " + name + " is larger than 1 MiB", "keep generated programs small");
        }
        return new Program(name, language, source, ManifestParser.parse(source), sha256(source));
    }

    /** Reads a program file; the language comes from the extension. */
    public static Program read(Path file) {
        try {
            if (Files.size(file) > MAX_SOURCE_BYTES) {
                throw new InvalidInputException("program " + file + " is larger than 1 MiB", "keep programs small");
            }
            return of(file.getFileName().toString(), Language.ofFile(file), Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new InvalidInputException("cannot read program " + file + ": " + e.getMessage(), "check the path", e);
        }
    }

    /** The first 12 hex digits of the hash, for display. */
    public String shortHash() {
        return hash.substring(0, 12);
    }

    /** The file name the source is written to inside the sandbox (Java needs the public class name). */
    public String fileName() {
        if (language == Language.JAVA) {
            var m = java.util.regex.Pattern.compile("public\\s+(?:final\\s+)?class\\s+(\\w+)").matcher(source);
            return (m.find() ? m.group(1) : "Main") + ".java";
        }
        return "main." + language.extension();
    }

    public static String sha256(String text) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
