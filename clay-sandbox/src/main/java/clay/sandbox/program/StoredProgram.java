package clay.sandbox.program;

import clay.core.TrustLevel;
import clay.sandbox.manifest.Language;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * A program kept in {@code clay/generated/NAME/}: its source file and {@code manifest.json}.
 *
 * @param name unique name (the directory)
 * @param language its language
 * @param hash SHA-256 of the current source
 * @param trust trust level it runs at
 * @param capabilities declared capabilities, as written
 * @param request what the user asked for, when generated
 * @param created first saved
 * @param updated last saved
 * @param source path of the source file
 */
public record StoredProgram(String name, Language language, String hash, TrustLevel trust, List<String> capabilities,
        String request, Instant created, Instant updated, Path source) {
    public StoredProgram {
        capabilities = List.copyOf(capabilities);
    }
}
