package clay.memory.crypto;

import clay.core.ClayException;
import clay.core.ClayHome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Set;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The key that encrypts a user's memory. Either kept in the keyring file {@code state/memory/memory.key} (created
 * owner-only, 0600, refused when others can read it) or derived from a passphrase with PBKDF2-HMAC-SHA256
 * (600,000 iterations, random salt kept next to the data).
 *
 * <pre>{@code
 * MemoryKey key = MemoryKey.fromKeyring(home);
 * }</pre>
 */
public final class MemoryKey {
    static final int PBKDF2_ITERATIONS = 600_000;
    private final SecretKeySpec key;

    private MemoryKey(byte[] raw) {
        this.key = new SecretKeySpec(raw, "AES");
        Arrays.fill(raw, (byte) 0);
    }

    /**
     * The keyring file's key, creating a random one (0600) on first use. Two openers racing (the session store and
     * memory start in parallel) end up with the same key: the file is created by a hard link, which never replaces.
     */
    public static synchronized MemoryKey fromKeyring(ClayHome home) {
        Path file = keyringFile(home);
        try {
            if (Files.isRegularFile(file)) {
                Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
                if (perms.stream().anyMatch(p -> p.name().startsWith("GROUP") || p.name().startsWith("OTHERS"))) {
                    throw new ClayException("the memory keyring " + file + " can be read by other users",
                            "run: chmod 600 " + file);
                }
                return new MemoryKey(Base64.getDecoder().decode(Files.readString(file).strip()));
            }
            ClayHome.ensureDir(file.getParent());
            byte[] raw = new byte[32];
            new SecureRandom().nextBytes(raw);
            Path tmp = Files.createTempFile(file.getParent(), "key", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(tmp, Base64.getEncoder().encodeToString(raw) + "\n");
            try {
                Files.createLink(file, tmp);
            } catch (java.nio.file.FileAlreadyExistsException lost) {
                Files.delete(tmp);
                return fromKeyring(home);
            }
            Files.delete(tmp);
            return new MemoryKey(raw);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the memory keyring " + file, e);
        } catch (IllegalArgumentException e) {
            throw new ClayException("the memory keyring " + file + " is damaged",
                    "restore it from a backup; without it the encrypted memory cannot be read");
        }
    }

    /** A key derived from {@code passphrase} and {@code salt} (16 random bytes stored with the data). */
    public static MemoryKey fromPassphrase(char[] passphrase, byte[] salt) {
        if (passphrase.length == 0) throw new clay.core.InvalidInputException("empty passphrase", "choose a passphrase");
        try {
            SecretKeyFactory f = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256");
            PBEKeySpec spec = new PBEKeySpec(passphrase, salt, PBKDF2_ITERATIONS, 256);
            byte[] raw = f.generateSecret(spec).getEncoded();
            spec.clearPassword();
            return new MemoryKey(raw);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is missing from this JDK", e);
        }
    }

    public static byte[] newSalt() {
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        return salt;
    }

    public static Path keyringFile(ClayHome home) {
        return home.state("memory").resolve("memory.key");
    }

    SecretKeySpec spec() {
        return key;
    }
}
