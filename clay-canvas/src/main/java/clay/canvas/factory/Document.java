package clay.canvas.factory;

import clay.canvas.annotate.FileKey;
import java.util.Objects;

/** A text document the factory can show: where it came from, a title, its text. */
public record Document(String path, String title, String text) {
    public Document {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(text, "text");
    }

    public FileKey key() {
        return FileKey.of(path, text);
    }
}
