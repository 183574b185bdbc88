package clay.fs.extract;

import clay.fs.FileStatus;
import java.util.Map;

/**
 * What extraction found in one file's content. Never null fields: a file without text has {@code text = ""} and a status
 * saying why ({@link FileStatus#METADATA_ONLY}, {@link FileStatus#MALFORMED}, ...).
 *
 * @param status {@link FileStatus#INDEXED} when text was found (indexing still has to happen), else the reason there is none
 * @param truncated true when the text hit the configured character limit and the rest was not read
 */
public record Extraction(FileStatus status, String detail, String text, String mime, String title,
        Map<String, String> metadata, boolean truncated) {

    public boolean hasText() {
        return !text.isBlank();
    }

    public static Extraction without(FileStatus status, String detail, String mime) {
        return new Extraction(status, detail, "", mime, "", Map.of(), false);
    }
}
