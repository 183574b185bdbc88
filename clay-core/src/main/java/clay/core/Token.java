package clay.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/** The per-user API token: 256 random bits in a 0600 file under {@link ClayHome#runtime()}. */
public final class Token {
    private Token() {}

    /** Reads the token, creating it (owner read/write only) on first use. */
    public static String loadOrCreate(ClayHome home) {
        Path file = file(home);
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
}
