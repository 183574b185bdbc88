package clay.sandbox.manifest;

import clay.core.InvalidInputException;
import java.nio.file.Path;
import java.util.Locale;

/** The languages the sandbox runs, with their source file extension and the comment that carries the header. */
public enum Language {
    PYTHON("py", "#"),
    JAVASCRIPT("js", "//"),
    JAVA("java", "//"),
    RUST("rs", "//");

    private final String extension;
    private final String lineComment;

    Language(String extension, String lineComment) {
        this.extension = extension;
        this.lineComment = lineComment;
    }

    public String extension() {
        return extension;
    }

    /** The line comment a header is written in, e.g. {@code # @requires([...])}. */
    public String lineComment() {
        return lineComment;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The language of a file, from its extension ({@code .py .js .mjs .java .rs}). */
    public static Language ofFile(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        String ext = dot < 0 ? "" : name.substring(dot + 1);
        return switch (ext) {
            case "py" -> PYTHON;
            case "js", "mjs", "cjs" -> JAVASCRIPT;
            case "java" -> JAVA;
            case "rs" -> RUST;
            default -> throw new InvalidInputException("cannot tell the language of " + file.getFileName(),
                    "name it .py, .js, .java or .rs");
        };
    }

    /** Parses {@code python}, {@code py}, {@code javascript}, {@code js}, {@code node}, {@code java}, {@code rust}, {@code rs}. */
    public static Language parse(String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "python", "py", "python3" -> PYTHON;
            case "javascript", "js", "node" -> JAVASCRIPT;
            case "java" -> JAVA;
            case "rust", "rs" -> RUST;
            default -> throw new InvalidInputException("unknown language '" + text + "'", "use python, javascript, java or rust");
        };
    }
}
