package clay.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The runtime's API tokens, each 256 random bits in a 0600 file under {@link ClayHome#runtime()}: the user's own token
 * ({@code token}: the CLI and the canvas; everything) and the token for other programs on this machine
 * ({@code client-token}: only the OpenAI-compatible {@code /v1} endpoints).
 */
public final class Token {
    private Token() {}

    /** Reads the user's token, creating it (owner read/write only) on first use. */
    public static String loadOrCreate(ClayHome home) {
        return loadOrCreate(file(home));
    }

    /** Reads the {@code /v1} client token, creating it (owner read/write only) on first use. */
    public static String loadOrCreateClient(ClayHome home) {
        return loadOrCreate(clientFile(home));
    }

    private static String loadOrCreate(Path file) {
        try {
            if (Files.isRegularFile(file)) {
                String t = Files.readString(file).strip();
                if (t.length() >= 32) return t;
            }
            ClayHome.ensureDir(file.getParent());
            byte[] bytes = new byte[32];
            new SecureRandom().nextBytes(bytes);
            String token = HexFormat.of().formatHex(bytes);
            Path tmp = Files.createTempFile(file.getParent(), "token", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(tmp, token + "\n");
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return token;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the API token at " + file, e);
        }
    }

    public static Path file(ClayHome home) {
        return home.runtime().resolve("token");
    }

    public static Path clientFile(ClayHome home) {
        return home.runtime().resolve("client-token");
    }
}
