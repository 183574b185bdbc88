package clay.fs;

import java.time.Instant;
import java.util.Optional;

/**
 * One file ClayFS knows, as of its current version.
 *
 * @param path ClayFS path: {@code persistent/...} or {@code ephemeral/...}
 * @param version sequence number of the current version (1 for the first), 0 when none is stored
 * @param statusDetail why the status is what it is ("PDF header damaged", "12.0 MB > 8.0 MB limit"); empty when fine
 * @param docType effective document type: the user's if set, else the tagger's
 */
public record FileRecord(
        long id,
        String path,
        Space space,
        String hash,
        long size,
        String mime,
        Instant created,
        Instant modified,
        Optional<Instant> expiresAt,
        FileStatus status,
        String statusDetail,
        int version,
        String docType,
        String summary) {

    public String name() {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? path : path.substring(slash + 1);
    }
}
