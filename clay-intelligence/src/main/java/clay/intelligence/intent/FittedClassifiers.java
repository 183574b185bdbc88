package clay.intelligence.intent;

import clay.core.AtomicFiles;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fitted intent classifiers on disk, so a process fits once per catalog rather than once per start (a fit is seconds
 * of embedding and cross-validation; loading is milliseconds). A file is named by the SHA-256 of everything the fit
 * depends on - format version, encoder, options, catalog examples, out-of-scope examples - so a changed catalog simply
 * misses and is fitted (and stored) anew. An unreadable file is a miss, never an error.
 */
final class FittedClassifiers {
    private static final Logger LOG = LoggerFactory.getLogger(FittedClassifiers.class);
    private static final int FORMAT = 1;

    private FittedClassifiers() {}

    static String key(String fitInputs) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(("v" + FORMAT + "\u0000" + fitInputs).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h).substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static Path file(Path dir, String key) {
        return dir.resolve("intent-" + key + ".bin");
    }

    static Optional<IntentClassifier> load(Path dir, String key, TextEncoder encoder) {
        Path f = file(dir, key);
        if (!Files.isRegularFile(f)) return Optional.empty();
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(Files.readAllBytes(f)))) {
            return Optional.of(IntentClassifier.readFrom(in, encoder));
        } catch (IOException | RuntimeException e) {
            LOG.info("ignoring unreadable fitted classifier {}: {}", f, e.toString());
            return Optional.empty();
        }
    }

    static void store(Path dir, String key, IntentClassifier c) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                c.writeTo(out);
            }
            Files.createDirectories(dir);
            AtomicFiles.write(file(dir, key), bytes.toByteArray());
        } catch (IOException | RuntimeException e) {
            LOG.info("could not store the fitted classifier in {}: {}", dir, e.toString());
        }
    }

    static void writeStrings(DataOutputStream out, List<String> s) throws IOException {
        out.writeInt(s.size());
        for (String v : s) out.writeUTF(v);
    }

    static List<String> readStrings(DataInputStream in) throws IOException {
        int n = in.readInt();
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) out.add(in.readUTF());
        return out;
    }

    static void writeFloats(DataOutputStream out, float[] v) throws IOException {
        out.writeInt(v.length);
        for (float f : v) out.writeFloat(f);
    }

    static float[] readFloats(DataInputStream in) throws IOException {
        float[] v = new float[in.readInt()];
        for (int i = 0; i < v.length; i++) v[i] = in.readFloat();
        return v;
    }

    static void writeMatrix(DataOutputStream out, float[][] m) throws IOException {
        out.writeInt(m.length);
        for (float[] row : m) writeFloats(out, row);
    }

    static float[][] readMatrix(DataInputStream in) throws IOException {
        float[][] m = new float[in.readInt()][];
        for (int i = 0; i < m.length; i++) m[i] = readFloats(in);
        return m;
    }
}
