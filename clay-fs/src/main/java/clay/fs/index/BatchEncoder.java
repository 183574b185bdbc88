package clay.fs.index;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import clay.core.ModelUnavailableException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * A BERT-style sentence encoder from an in-jar ONNX model that embeds many texts per model call: texts are tokenized,
 * sorted by length, and run in padded batches of similar length, so the model does one matrix product for a batch
 * instead of one per text. LangChain4j's {@code embedAll} runs one call per text on a thread pool, which on two cores
 * spends its time in per-call overhead and thread contention. The vectors equal one-by-one ones up to the quantized
 * model's activation scaling, which ONNX Runtime computes per call (cosine 0.986 to 1.0; sorting by length keeps
 * batch-mates alike). Thread-safe.
 */
final class BatchEncoder {

    enum Pooling { MEAN, CLS }

    private final OrtEnvironment env;
    private final OrtSession session;
    private final HuggingFaceTokenizer tokenizer;
    private final Pooling pooling;
    private final boolean typeIds;
    private final int tokensPerCall;
    private final java.util.concurrent.ExecutorService workers;
    private final int parallel;

    /**
     * @param threads ONNX Runtime intra-op threads per call
     * @param parallel model calls run at once (a bounded pool of this many threads)
     * @param tokensPerCall texts are grouped into one call up to this many padded tokens
     */
    BatchEncoder(String model, String tokenizerJson, Pooling pooling, int maxTokens, int threads, int parallel, int tokensPerCall) {
        this.pooling = pooling;
        this.tokensPerCall = tokensPerCall;
        this.parallel = parallel;
        this.workers = java.util.concurrent.Executors.newFixedThreadPool(parallel,
                Thread.ofPlatform().name("clayfs-embed-", 0).daemon().factory());
        try (InputStream m = resource(model); InputStream t = resource(tokenizerJson)) {
            this.env = OrtEnvironment.getEnvironment();
            OrtSession.SessionOptions o = new OrtSession.SessionOptions();
            o.setIntraOpNumThreads(threads);
            o.setInterOpNumThreads(1);
            o.addConfigEntry("session.intra_op.allow_spinning", "0");
            o.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            this.session = env.createSession(m.readAllBytes(), o);
            this.typeIds = session.getInputNames().contains("token_type_ids");
            this.tokenizer = HuggingFaceTokenizer.newInstance(t, Map.of("padding", "false", "truncation", "true",
                    "maxLength", String.valueOf(maxTokens)));
        } catch (IOException | OrtException e) {
            throw new ModelUnavailableException("cannot load embedding model " + model + ": " + e.getMessage(),
                    "check the Clay installation", false, e);
        }
    }

    private static InputStream resource(String name) {
        InputStream in = BatchEncoder.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new ModelUnavailableException("embedding model file " + name + " is not on the classpath",
                    "rebuild Clay; the model ships inside its Maven jar");
        }
        return in;
    }

    /** Unit vectors for {@code texts}, in their order. */
    List<float[]> embed(List<String> texts) {
        if (texts.isEmpty()) return List.of();
        Encoding[] enc = tokenizer.batchEncode(texts);
        Integer[] order = new Integer[enc.length];
        for (int i = 0; i < order.length; i++) order[i] = i;
        java.util.Arrays.sort(order, Comparator.comparingInt(i -> enc[i].getIds().length));
        float[][] out = new float[enc.length][];
        List<List<Integer>> batches = new ArrayList<>();
        int from = 0;
        while (from < order.length) {
            int to = from + 1;
            // sorted ascending, so the last text of a batch is its longest
            // and a batch's texts stay alike in length: padding shifts the quantized model's activation scale
            int shortest = enc[order[from]].getIds().length;
            while (to < order.length && (to - from + 1) * enc[order[to]].getIds().length <= tokensPerCall
                    && enc[order[to]].getIds().length <= 2 * shortest + 8) to++;
            batches.add(java.util.Arrays.asList(order).subList(from, to));
            from = to;
        }
        if (parallel == 1 || batches.size() == 1) {
            for (List<Integer> b : batches) fill(out, b, enc);
            return List.of(out);
        }
        List<java.util.concurrent.Future<?>> running = new ArrayList<>();
        for (List<Integer> b : batches) running.add(workers.submit(() -> fill(out, b, enc)));
        for (var f : running) {
            try {
                f.get();
            } catch (java.util.concurrent.ExecutionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while embedding", e);
            }
        }
        return List.of(out);
    }

    private void fill(float[][] out, List<Integer> batch, Encoding[] enc) {
        List<float[]> vectors = run(batch.stream().map(i -> enc[i]).toList());
        for (int k = 0; k < batch.size(); k++) out[batch.get(k)] = vectors.get(k);
    }

    private List<float[]> run(List<Encoding> batch) {
        int n = batch.size();
        int len = batch.stream().mapToInt(e -> e.getIds().length).max().orElse(1);
        long[] ids = new long[n * len], mask = new long[n * len], types = new long[n * len];
        for (int b = 0; b < n; b++) {
            long[] id = batch.get(b).getIds();
            long[] ty = batch.get(b).getTypeIds();
            System.arraycopy(id, 0, ids, b * len, id.length);
            System.arraycopy(ty, 0, types, b * len, ty.length);
            for (int j = 0; j < id.length; j++) mask[b * len + j] = 1;
        }
        long[] shape = {n, len};
        try (OnnxTensor tIds = OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape);
                OnnxTensor tMask = OnnxTensor.createTensor(env, LongBuffer.wrap(mask), shape);
                OnnxTensor tTypes = OnnxTensor.createTensor(env, LongBuffer.wrap(types), shape)) {
            Map<String, OnnxTensor> in = typeIds ? Map.of("input_ids", tIds, "attention_mask", tMask, "token_type_ids", tTypes)
                    : Map.of("input_ids", tIds, "attention_mask", tMask);
            try (OrtSession.Result r = session.run(in)) {
                float[][][] hidden = (float[][][]) r.get(0).getValue();
                List<float[]> out = new ArrayList<>(n);
                for (int b = 0; b < n; b++) out.add(Embedder.normalized(pool(hidden[b], batch.get(b).getIds().length)));
                return out;
            }
        } catch (OrtException e) {
            throw new IllegalStateException("embedding failed: " + e.getMessage(), e);
        }
    }

    private float[] pool(float[][] tokens, int real) {
        if (pooling == Pooling.CLS) return tokens[0].clone();
        float[] sum = new float[tokens[0].length];
        for (int t = 0; t < real; t++) for (int d = 0; d < sum.length; d++) sum[d] += tokens[t][d];
        for (int d = 0; d < sum.length; d++) sum[d] /= real;
        return sum;
    }
}
