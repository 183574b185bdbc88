package clay.fs.store;

import clay.core.AtomicFiles;
import clay.core.ClayException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;

/**
 * Content-addressed, compressed, deduplicated blobs: the bytes of every version live once under their SHA-256, deflated,
 * in {@code blobs/ab/cd/<hash>}. A blob is written to a temp file, fsynced and renamed into place, so a blob that exists
 * is complete. Reading verifies the hash, so corruption is reported rather than returned.
 */
public final class BlobStore {
    private final Path root;

    public BlobStore(Path root) {
        this.root = root;
    }

    public static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    Path pathOf(String hash) {
        return root.resolve(hash.substring(0, 2)).resolve(hash.substring(2, 4)).resolve(hash);
    }

    public boolean contains(String hash) {
        return Files.isRegularFile(pathOf(hash));
    }

    /** Stores {@code content} under {@code hash} unless it is already there; returns the stored (compressed) size. */
    public long put(String hash, byte[] content) {
        Path p = pathOf(hash);
        try {
            if (Files.isRegularFile(p)) return Files.size(p);
            ByteArrayOutputStream buf = new ByteArrayOutputStream(Math.max(64, content.length / 3));
            try (DeflaterOutputStream out = new DeflaterOutputStream(buf, new Deflater(Deflater.DEFAULT_COMPRESSION))) {
                out.write(content);
            }
            byte[] packed = buf.toByteArray();
            AtomicFiles.write(p, packed);
            return packed.length;
        } catch (IOException e) {
            throw new ClayException("cannot store a version blob: " + e.getMessage(), "check free disk space", e);
        }
    }

    /** The original bytes of {@code hash}; throws when the blob is missing or does not match its hash. */
    public byte[] get(String hash) {
        Path p = pathOf(hash);
        try (InputStream in = new InflaterInputStream(Files.newInputStream(p))) {
            byte[] content = in.readAllBytes();
            if (!sha256(content).equals(hash)) {
                throw new ClayException("version blob " + hash + " is corrupt", "restore from another version or a backup");
            }
            return content;
        } catch (IOException e) {
            throw new ClayException("cannot read version blob " + hash + ": " + e.getMessage(),
                    "the blob store may have been modified outside Clay", e);
        }
    }

    public void delete(String hash) {
        try {
            Files.deleteIfExists(pathOf(hash));
        } catch (IOException ignored) {
            // an orphan blob costs disk space only; the next prune retries
        }
    }
}
