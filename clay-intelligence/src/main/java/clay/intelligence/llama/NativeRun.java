package clay.intelligence.llama;

import clay.core.ModelUnavailableException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The C reference of {@link LlamaBench}: {@code native_bench.c}, compiled with the system C compiler against the
 * {@code libjllama.so} this process loaded, so it runs the identical llama.cpp build with no JVM around it.
 */
final class NativeRun implements AutoCloseable {
    private final Path dir;
    private final Path exe;
    private final String libDir;

    private NativeRun(Path dir, Path exe, String libDir) {
        this.dir = dir;
        this.exe = exe;
        this.libDir = libDir;
    }

    /** @throws ModelUnavailableException when there is no C compiler or the library was not extracted */
    static NativeRun compile() {
        NativeLlama.ensureLoaded();
        String libDir = System.getProperty("de.kherud.llama.lib.path");
        if (libDir == null) throw new ModelUnavailableException("the llama.cpp library directory is unknown", null);
        try {
            Path dir = Files.createTempDirectory("clay-native-bench");
            Path src = dir.resolve("native_bench.c");
            try (InputStream in = NativeRun.class.getResourceAsStream("native_bench.c")) {
                Files.write(src, in.readAllBytes());
            }
            Path exe = dir.resolve("native_bench");
            exec(List.of("cc", "-O2", "-o", exe.toString(), src.toString(), "-L" + libDir, "-ljllama",
                    "-Wl,-rpath," + libDir), "compile native_bench.c (is a C compiler installed? apt-get install gcc)");
            return new NativeRun(dir, exe, libDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One measured repetition (after one warm-up) in a fresh process: {prompt tokens/s, generation tokens/s}. */
    double[] run(Path gguf, int threads, int pp, int tg) {
        try {
            String out = exec(args(gguf, threads, pp, tg), "run the native reference bench");
            JsonNode json = new ObjectMapper().readTree(out.lines().filter(l -> l.startsWith("{"))
                    .reduce((a, b) -> b).orElse("{}"));
            return new double[] {json.path("pp_tps").asDouble(), json.path("tg_tps").asDouble()};
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How to repeat it by hand. */
    String command(Path gguf, int threads, int pp, int tg) {
        return "cc -O2 -o native_bench native_bench.c -L" + libDir + " -ljllama -Wl,-rpath," + libDir
                + " && ./native_bench " + String.join(" ", args(gguf, threads, pp, tg).subList(1, 6));
    }

    private List<String> args(Path gguf, int threads, int pp, int tg) {
        return List.of(exe.toString(), gguf.toString(), String.valueOf(threads), String.valueOf(pp),
                String.valueOf(tg), "1");
    }

    private static String exec(List<String> cmd, String what) throws IOException {
        Process proc = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (proc.waitFor() != 0) throw new ModelUnavailableException("could not " + what + ": " + out.strip(), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            proc.destroyForcibly();
            throw new ModelUnavailableException("interrupted while trying to " + what, null);
        }
        return out;
    }

    @Override
    public void close() {
        LlamaBench.deleteQuietly(dir);
    }
}
