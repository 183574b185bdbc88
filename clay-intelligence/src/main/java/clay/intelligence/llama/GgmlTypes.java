package clay.intelligence.llama;

/** Storage sizes of ggml tensor types (block size in elements, bytes per block), for bounds checks of GGUF files. */
final class GgmlTypes {
    private GgmlTypes() {}

    /** {@code {elementsPerBlock, bytesPerBlock}} by ggml type id; {@code null} where the id is unknown. */
    private static final int[][] SIZES = new int[40][];

    static {
        set(0, 1, 4); set(1, 1, 2);                                   // F32, F16
        set(2, 32, 18); set(3, 32, 20); set(6, 32, 22); set(7, 32, 24); // Q4_0, Q4_1, Q5_0, Q5_1
        set(8, 32, 34); set(9, 32, 36);                               // Q8_0, Q8_1
        set(10, 256, 84); set(11, 256, 110); set(12, 256, 144);       // Q2_K, Q3_K, Q4_K
        set(13, 256, 176); set(14, 256, 210); set(15, 256, 292);      // Q5_K, Q6_K, Q8_K
        set(16, 256, 66); set(17, 256, 74); set(18, 256, 98);         // IQ2_XXS, IQ2_XS, IQ3_XXS
        set(19, 256, 50); set(20, 32, 18); set(21, 256, 110);         // IQ1_S, IQ4_NL, IQ3_S
        set(22, 256, 82); set(23, 256, 136);                          // IQ2_S, IQ4_XS
        set(24, 1, 1); set(25, 1, 2); set(26, 1, 4); set(27, 1, 8); set(28, 1, 8); // I8..I64, F64
        set(29, 256, 56); set(30, 1, 2);                              // IQ1_M, BF16
        set(34, 256, 54); set(35, 256, 66);                           // TQ1_0, TQ2_0
        set(39, 32, 17);                                              // MXFP4
    }

    private static void set(int type, int block, int bytes) {
        SIZES[type] = new int[] {block, bytes};
    }

    /**
     * Bytes a tensor of {@code elements} elements of {@code type} occupies; 0 for a type this table does not know (a
     * newer llama.cpp may; then only its offset is checked).
     */
    static long bytes(int type, long elements) {
        if (type < 0 || type >= SIZES.length || SIZES[type] == null) return 0;
        int[] s = SIZES[type];
        return Math.ceilDiv(elements, s[0]) * s[1];
    }
}
