package clay.intelligence.llama;

import clay.core.InvalidInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes a small llama-architecture GGUF v3 model with seeded random weights: real enough for llama.cpp to load,
 * apply a chat template, sample, stream and obey grammars, so tests and benchmarks need no downloaded model. The
 * words it produces are noise; the shapes, the tokenizer and the constrained output are real.
 *
 * <pre>{@code
 * Path gguf = TinyGguf.write(dir.resolve("tiny.gguf"));                  // ~470 KB, loads in milliseconds
 * Path big = TinyGguf.write(dir.resolve("bench.gguf"), TinyGguf.Spec.bench()); // ~70 MB F16, for clay bench llama
 * }</pre>
 *
 * <p>The file is written to a sibling temp file and renamed, so a reader never sees half a model. The same spec and
 * seed always give the same bytes.
 */
public final class TinyGguf {
    /** ChatML, which llama.cpp recognises by its {@code <|im_start|>} marker with or without a Jinja engine. */
    public static final String CHAT_TEMPLATE = "{% for message in messages %}"
            + "{{'<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n'}}"
            + "{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}";

    static final int ALIGNMENT = 32;
    private static final int TYPE_F32 = 0;
    private static final int TYPE_F16 = 1;
    private static final String[] WORDS = {
        "▁the", "▁a", "▁is", "▁of", "▁and", "▁to", "▁in", "▁it", "▁you", "▁I", "▁hello", "▁time", "▁file",
        "▁open", "▁show", "▁find", "▁what", "▁clay", "▁model", "▁intent", "▁get", "▁yes", "▁no", "{", "}", "\"", ":",
        ",", ".", "▁", "e", "t", "a", "o", "n", "s", "r", "i"
    };

    /**
     * Model shape. {@code extraTokens} adds synthetic words to the vocabulary (a realistic output layer for
     * benchmarks); {@code f16} stores the matrices as half floats, like a real unquantised model.
     */
    public record Spec(int embedding, int heads, int kvHeads, int blocks, int feedForward, int context,
            int extraTokens, boolean f16, long seed) {
        public Spec {
            if (embedding < 8 || embedding % heads != 0 || (embedding / heads) % 2 != 0)
                throw new InvalidInputException("embedding " + embedding + " must be >= 8 and divisible by heads "
                        + heads + " into an even head size");
            if (kvHeads < 1 || heads % kvHeads != 0)
                throw new InvalidInputException("kvHeads " + kvHeads + " must divide heads " + heads);
            if (blocks < 1 || feedForward < 1 || context < 16 || extraTokens < 0)
                throw new InvalidInputException("blocks, feedForward must be >= 1, context >= 16, extraTokens >= 0");
        }

        /** 64-dim, 4 heads, 2 blocks, FFN 128, context 256, F32: about 470 KB. */
        public static Spec tiny() {
            return new Spec(64, 4, 4, 2, 128, 256, 0, false, 42);
        }

        /** 512-dim, 8 heads, 8 blocks, FFN 1376, context 2048, 8k vocabulary, F16: about 70 MB, for benchmarks. */
        public static Spec bench() {
            return new Spec(512, 8, 8, 8, 1376, 2048, 8000, true, 42);
        }

        public Spec withSeed(long newSeed) {
            return new Spec(embedding, heads, kvHeads, blocks, feedForward, context, extraTokens, f16, newSeed);
        }

        int headSize() {
            return embedding / heads;
        }

        int kvSize() {
            return headSize() * kvHeads;
        }
    }

    private record Tensor(String name, long[] dims, boolean matrix) {
        long elements() {
            long n = 1;
            for (long d : dims) n *= d;
            return n;
        }
    }

    private TinyGguf() {}

    /** Writes {@link Spec#tiny()} to {@code file}; returns {@code file}. */
    public static Path write(Path file) {
        return write(file, Spec.tiny());
    }

    /** Writes a model of shape {@code spec} to {@code file} (replacing it atomically); returns {@code file}. */
    public static Path write(Path file, Spec spec) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
            try {
                writeTo(tmp, spec);
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(tmp);
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** The vocabulary of a model of this shape: specials, the 256 byte tokens, a few words, then synthetic ones. */
    public static List<String> vocabulary(Spec spec) {
        List<String> tokens = new ArrayList<>(List.of("<unk>", "<s>", "</s>", "<|im_start|>", "<|im_end|>"));
        for (int b = 0; b < 256; b++) tokens.add(String.format("<0x%02X>", b));
        tokens.addAll(List.of(WORDS));
        for (int i = 0; i < spec.extraTokens(); i++) tokens.add("▁w" + Integer.toString(i, 36));
        return tokens;
    }

    private static void writeTo(Path file, Spec spec) throws IOException {
        List<String> vocab = vocabulary(spec);
        int n = vocab.size();
        float[] scores = new float[n];
        int[] types = new int[n];
        for (int i = 0; i < n; i++) {
            String t = vocab.get(i);
            types[i] = i == 0 ? 2 : i < 5 ? 3 : t.startsWith("<0x") ? 6 : 1;
            scores[i] = types[i] == 1 ? -i : 0f;
        }
        List<Tensor> tensors = tensors(spec, n);
        try (GgufOutput out = new GgufOutput(file)) {
            out.u32(0x46554747); // "GGUF"
            out.u32(3);
            out.u64(tensors.size());
            out.u64(0); // key/value count, patched below
            out.kvString("general.architecture", "llama");
            out.kvString("general.name", "clay-tiny-" + spec.embedding() + "x" + spec.blocks());
            out.kvU32("general.alignment", ALIGNMENT);
            out.kvU32("general.file_type", spec.f16() ? 1 : 0);
            out.kvU32("llama.vocab_size", n);
            out.kvU32("llama.context_length", spec.context());
            out.kvU32("llama.embedding_length", spec.embedding());
            out.kvU32("llama.block_count", spec.blocks());
            out.kvU32("llama.feed_forward_length", spec.feedForward());
            out.kvU32("llama.attention.head_count", spec.heads());
            out.kvU32("llama.attention.head_count_kv", spec.kvHeads());
            out.kvU32("llama.rope.dimension_count", spec.headSize());
            out.kvF32("llama.rope.freq_base", 10000f);
            out.kvF32("llama.attention.layer_norm_rms_epsilon", 1e-5f);
            out.kvString("tokenizer.ggml.model", "llama");
            out.kvStrings("tokenizer.ggml.tokens", vocab);
            out.kvFloats("tokenizer.ggml.scores", scores);
            out.kvInts("tokenizer.ggml.token_type", types);
            out.kvU32("tokenizer.ggml.bos_token_id", 1);
            out.kvU32("tokenizer.ggml.eos_token_id", 2);
            out.kvU32("tokenizer.ggml.unknown_token_id", 0);
            out.kvU32("tokenizer.ggml.eot_token_id", 4);
            out.kvBool("tokenizer.ggml.add_bos_token", true);
            out.kvBool("tokenizer.ggml.add_eos_token", false);
            out.kvString("tokenizer.chat_template", CHAT_TEMPLATE);

            long offset = 0;
            for (Tensor t : tensors) {
                out.string(t.name());
                out.u32(t.dims().length);
                for (long d : t.dims()) out.u64(d);
                out.u32(type(t, spec));
                out.u64(offset);
                offset = align(offset + bytes(t, spec));
            }
            out.padTo(ALIGNMENT);
            out.patchU64(16, out.kvCount());
            SplittableRandom random = new SplittableRandom(spec.seed());
            for (Tensor t : tensors) {
                long start = out.position();
                if (!t.matrix()) {
                    for (long i = 0; i < t.elements(); i++) out.f32(1f);
                } else {
                    float scale = (float) (1.0 / Math.sqrt(t.dims()[0]));
                    for (long i = 0; i < t.elements(); i++) {
                        float v = (float) (random.nextDouble(-1.0, 1.0) * scale);
                        if (spec.f16()) out.f16(v); else out.f32(v);
                    }
                }
                while (out.position() - start < align(bytes(t, spec))) out.u8(0);
            }
        }
    }

    private static List<Tensor> tensors(Spec s, int vocab) {
        long e = s.embedding(), ff = s.feedForward(), kv = s.kvSize();
        List<Tensor> list = new ArrayList<>();
        list.add(new Tensor("token_embd.weight", new long[] {e, vocab}, true));
        list.add(new Tensor("output_norm.weight", new long[] {e}, false));
        list.add(new Tensor("output.weight", new long[] {e, vocab}, true));
        for (int b = 0; b < s.blocks(); b++) {
            String p = "blk." + b + ".";
            list.add(new Tensor(p + "attn_norm.weight", new long[] {e}, false));
            list.add(new Tensor(p + "attn_q.weight", new long[] {e, e}, true));
            list.add(new Tensor(p + "attn_k.weight", new long[] {e, kv}, true));
            list.add(new Tensor(p + "attn_v.weight", new long[] {e, kv}, true));
            list.add(new Tensor(p + "attn_output.weight", new long[] {e, e}, true));
            list.add(new Tensor(p + "ffn_norm.weight", new long[] {e}, false));
            list.add(new Tensor(p + "ffn_gate.weight", new long[] {e, ff}, true));
            list.add(new Tensor(p + "ffn_down.weight", new long[] {ff, e}, true));
            list.add(new Tensor(p + "ffn_up.weight", new long[] {e, ff}, true));
        }
        return list;
    }

    private static int type(Tensor t, Spec s) {
        return t.matrix() && s.f16() ? TYPE_F16 : TYPE_F32;
    }

    private static long bytes(Tensor t, Spec s) {
        return t.elements() * (type(t, s) == TYPE_F16 ? 2 : 4);
    }

    private static long align(long v) {
        return (v + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
    }
}
