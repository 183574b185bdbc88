package clay.cli.bench;

import clay.intelligence.llama.LlamaBench;
import clay.intelligence.llama.TinyGguf;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code clay bench llama}: embedded llama.cpp speed from Java (prompt and generation tokens/s, JVM-side cost per
 * token), in-process; with {@code --native}, the same llama.cpp build driven from C for comparison.
 */
@Command(name = "llama", description = "Embedded llama.cpp tokens/s (prompt, generation) and JVM overhead per token.")
public final class LlamaBenchCommand implements Callable<Integer> {
    @Option(names = "--gguf", paramLabel = "FILE", description = "A GGUF model (default: a generated 512-dim, 8-block model).")
    Path gguf;

    @Option(names = "--tiny", description = "Use the tiny 64-dim test model instead of the generated bench model.")
    boolean tiny;

    @Option(names = "--threads", defaultValue = "0", description = "CPU threads (0 = all).") int threads;

    @Option(names = "--prompt", defaultValue = "128", description = "Prompt tokens.") int prompt;

    @Option(names = "--gen", defaultValue = "128", description = "Generated tokens.") int gen;

    @Option(names = "--runs", defaultValue = "3") int runs;

    @Option(names = "--native", description = "Also run the C reference (needs a C compiler).") boolean nativeRef;

    @Option(names = "--json", description = "Print JSON.") boolean json;

    @Override
    public Integer call() throws Exception {
        var r = LlamaBench.run(new LlamaBench.Options(gguf, tiny ? TinyGguf.Spec.tiny() : TinyGguf.Spec.bench(),
                threads, prompt, gen, runs, nativeRef));
        if (json) {
            ObjectMapper mapper = new ObjectMapper();
            var node = mapper.createObjectNode();
            for (var c : LlamaBench.Result.class.getRecordComponents()) {
                Object v = c.getAccessor().invoke(r);
                node.set(c.getName(), mapper.valueToTree(v instanceof java.util.Optional<?> o ? o.orElse(null) : v));
            }
            r.ratios().ifPresent(q -> node.put("promptShareOfNative", q[0]).put("genShareOfNative", q[1]));
            System.out.println(mapper.writeValueAsString(node));
            return 0;
        }
        System.out.printf("model %s (%.1f MB), %d threads, median of %d runs (load %d ms)%n", r.model(),
                r.fileBytes() / 1e6, r.threads(), r.runs(), r.loadMillis());
        System.out.printf("  prompt     %8.1f tokens/s  (%d tokens)%n", r.promptTokensPerSecond(), r.promptTokens());
        System.out.printf("  generation %8.1f tokens/s  (%d tokens)%n", r.genTokensPerSecond(), r.genTokens());
        System.out.printf("  JVM side   %8.1f µs/token   (native call %.1f µs/token)%n", r.jvmMicrosPerToken(),
                r.nativeMicrosPerToken());
        System.out.printf("  provider   %8.1f tokens/s  (generation through the LangChain4j streaming API)%n",
                r.providerGenTokensPerSecond());
        r.reference().ifPresent(ref -> {
            double[] q = r.ratios().orElseThrow();
            System.out.printf("  C reference: prompt %.1f, generation %.1f tokens/s -> embedded is %.1f%% / %.1f%%%n",
                    ref.promptTokensPerSecond(), ref.genTokensPerSecond(), 100 * q[0], 100 * q[1]);
        });
        return 0;
    }
}
