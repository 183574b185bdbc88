package clay.canvas.annotate;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/** One version of one file: its path and the SHA-256 of its content. Notes are kept per key. */
public record FileKey(String path, String hash) {
    public FileKey {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(hash, "hash");
        if (!hash.matches("[a-f0-9]{8,128}")) throw new IllegalArgumentException("hash must be lowercase hex: " + hash);
    }

    public static FileKey of(String path, String content) {
        return new FileKey(path, sha256(content));
    }

    public static String sha256(String content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
