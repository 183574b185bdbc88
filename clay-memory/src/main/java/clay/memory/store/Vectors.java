package clay.memory.store;

/** Small vector helpers for brute-force similarity over decrypted embeddings. */
public final class Vectors {
    private Vectors() {}

    /** Cosine similarity; the embeddings are unit length, so this is the dot product, clamped for safety. */
    public static double cosine(float[] a, float[] b) {
        double dot = 0, na = 0, nb = 0;
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
    }
}
