package clay.intelligence.llama;

import clay.core.InvalidInputException;
import de.kherud.llama.InferenceParameters;
import de.kherud.llama.LlamaIterator;
import de.kherud.llama.LlamaModel;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code clay bench llama}: how fast the embedded llama.cpp is, seen from Java.
 * <ul>
 *   <li>prompt processing: {@code promptTokens} tokens, no prompt cache, until the first generated token;</li>
 *   <li>generation: {@code genTokens} tokens with EOS ignored, first token to last;</li>
 *   <li>JVM-side overhead per token: wall time of the token loop minus the time spent inside the native
 *       {@code next()} call, per token (what Java adds between tokens);</li>
 *   <li>generation through the LangChain4j streaming provider, to show what the provider layer costs.</li>
 * </ul>
 * Compare with {@code bench/llama/native_bench.c}: the same llama.cpp build, called from C (docs/benchmarks/llama.md).
 *
 * <pre>{@code
 * LlamaBench.Result r = LlamaBench.run(new LlamaBench.Options(null, TinyGguf.Spec.bench(), 2, 128, 128, 3, true));
 * }</pre>
 */
public final class LlamaBench {

    /** What to measure: a GGUF file, or (when {@code gguf} is null) a generated model of shape {@code spec}. */
    public record Options(Path gguf, TinyGguf.Spec spec, int threads, int promptTokens, int genTokens, int runs,
            boolean nativeReference) {
        public Options {
            if (threads < 0 || promptTokens < 1 || genTokens < 2 || runs < 1)
                throw new InvalidInputException("threads >= 0, promptTokens >= 1, genTokens >= 2, runs >= 1");
            if (gguf == null && spec == null) spec = TinyGguf.Spec.bench();
        }
    }

    /** Medians over the runs; tokens per second unless named otherwise. */
    public record Result(String model, String file, long fileBytes, int threads, int promptTokens, int genTokens,
            int runs, long loadMillis, double promptTokensPerSecond, double genTokensPerSecond,
            double jvmMicrosPerToken, double nativeMicrosPerToken, double providerGenTokensPerSecond,
            Optional<Reference> reference) {

        /** Embedded speed as a share of the C reference's (1.0 = equal), for prompt and generation. */
        public Optional<double[]> ratios() {
            return reference.map(r -> new double[] {promptTokensPerSecond / r.promptTokensPerSecond(),
                genTokensPerSecond / r.genTokensPerSecond()});
        }
    }

    /** The same llama.cpp build driven from C ({@code native_bench.c}), averaged over the same number of runs. */
    public record Reference(double promptTokensPerSecond, double genTokensPerSecond, String command) {}

    private LlamaBench() {}

    public static Result run(Options o) {
        Path dir = null;
        try {
            Path file = o.gguf();
            if (file == null) {
                dir = Files.createTempDirectory("clay-llama-bench");
                file = TinyGguf.write(dir.resolve("bench.gguf"), o.spec());
            }
            int threads = o.threads() > 0 ? o.threads() : Runtime.getRuntime().availableProcessors();
            long t0 = System.nanoTime();
            try (LlamaCppProvider p = LlamaCppProvider.load("bench", file,
                    LlamaCppProvider.Options.defaults().withThreads(threads)
                            .withContextSize(Math.max(512, o.promptTokens() + o.genTokens() + 16)))) {
                long loadMs = (System.nanoTime() - t0) / 1_000_000;
                LlamaModel model = p.acquire();
                try (NativeRun c = o.nativeReference() ? NativeRun.compile() : null) {
                    return measure(p, model, c, file, threads, loadMs, o);
                } finally {
                    p.release();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (dir != null) deleteQuietly(dir);
        }
    }

    private static Result measure(LlamaCppProvider p, LlamaModel model, NativeRun c, Path file, int threads,
            long loadMs, Options o) throws IOException {
        String prompt = promptOf(model, o.promptTokens());
        List<Double> pp = new ArrayList<>(), tg = new ArrayList<>(), jvm = new ArrayList<>(), nat = new ArrayList<>(),
                prov = new ArrayList<>(), cpp = new ArrayList<>(), ctg = new ArrayList<>();
        for (int r = -1; r < o.runs(); r++) { // r == -1 warms up the JIT and llama.cpp's buffers
            if (c != null) { // interleaved with the Java runs, so both see the same machine load
                double[] ref = c.run(file, threads, o.promptTokens(), o.genTokens());
                cpp.add(ref[0]);
                ctg.add(ref[1]);
            }
            pp.add(promptSpeed(model, prompt, o.promptTokens()));
            double[] g = generation(model, o.genTokens(), r);
            tg.add(g[0]);
            jvm.add(g[1]);
            nat.add(g[2]);
            prov.add(providerSpeed(p, o.genTokens(), r));
        }
        Optional<Reference> ref = c == null ? Optional.empty() : Optional.of(new Reference(median(cpp), median(ctg),
                c.command(file, threads, o.promptTokens(), o.genTokens())));
        return new Result(p.gguf().name().orElse(file.getFileName().toString()), file.toString(), Files.size(file),
                threads, o.promptTokens(), o.genTokens(), o.runs(), loadMs, median(pp), median(tg), median(jvm),
                median(nat), median(prov), ref);
    }

    /** A prompt of exactly {@code n} tokens (plus BOS) built from single-byte tokens, which never merge. */
    static String promptOf(LlamaModel model, int n) {
        StringBuilder sb = new StringBuilder();
        String alphabet = "abcdefghijklmnopqrstuvwxyz";
        while (model.encode(sb.toString()).length < n) sb.append(alphabet.charAt(sb.length() % 26)).append(' ');
        return sb.toString();
    }

    private static double promptSpeed(LlamaModel model, String prompt, int tokens) {
        InferenceParameters ip = new InferenceParameters(prompt).setNPredict(1).setCachePrompt(false).setSeed(1);
        long start = System.nanoTime();
        LlamaIterator it = model.generate(ip).iterator();
        it.next();
        long firstToken = System.nanoTime();
        while (it.hasNext()) it.next();
        return tokens / ((firstToken - start) / 1e9);
    }

    /** {tokens/s, JVM µs per token, native-call µs per token}. */
    private static double[] generation(LlamaModel model, int tokens, int run) {
        InferenceParameters ip = new InferenceParameters("a").setNPredict(tokens).setIgnoreEos(true)
                .setCachePrompt(false).setSeed(100 + run).setTemperature(0.8f);
        LlamaIterator it = model.generate(ip).iterator();
        long inNative = 0;
        int n = 0;
        long first = 0;
        StringBuilder text = new StringBuilder();
        while (it.hasNext()) {
            long a = System.nanoTime();
            var out = it.next();
            long b = System.nanoTime();
            if (n == 0) first = b;
            else inNative += b - a;
            text.append(out.text); // what a consumer does with a token, at the least
            n++;
        }
        long end = System.nanoTime();
        int timed = Math.max(n - 1, 1);
        double wall = (end - first) / 1e9;
        return new double[] {timed / wall, ((end - first) - inNative) / 1e3 / timed, inNative / 1e3 / timed};
    }

    private static double providerSpeed(LlamaCppProvider p, int tokens, int run) {
        var params = LlamaCppChatRequestParameters.builder().maxOutputTokens(tokens).seed(200 + run).build();
        ChatRequest req = ChatRequest.builder().messages(UserMessage.from("a")).parameters(params).build();
        AtomicLong first = new AtomicLong();
        AtomicLong count = new AtomicLong();
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();
        p.streaming().chat(req, new StreamingChatResponseHandler() {
            @Override public void onPartialResponse(String t) {
                if (count.getAndIncrement() == 0) first.set(System.nanoTime());
            }
            @Override public void onCompleteResponse(ChatResponse r) { done.complete(r); }
            @Override public void onError(Throwable e) { done.completeExceptionally(e); }
        });
        try {
            done.get(10, TimeUnit.MINUTES);
        } catch (Exception e) {
            throw new IllegalStateException("provider generation failed", e);
        }
        long end = System.nanoTime();
        return count.get() < 2 ? 0 : (count.get() - 1) / ((end - first.get()) / 1e9);
    }

    private static double median(List<Double> values) {
        List<Double> timed = new ArrayList<>(values.subList(1, values.size())); // drop the warm-up
        timed.sort(Double::compare);
        int m = timed.size() / 2;
        return timed.size() % 2 == 1 ? timed.get(m) : (timed.get(m - 1) + timed.get(m)) / 2;
    }

    /** Deletes a flat temp directory; one left behind is harmless. */
    static void deleteQuietly(Path dir) {
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) Files.deleteIfExists(f);
            Files.deleteIfExists(dir);
        } catch (IOException ignored) {
            // a temp dir left behind is harmless
        }
    }
}
