package clay.sandbox.enforce;

import clay.sandbox.manifest.Language;
import clay.sandbox.manifest.Program;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Where each language's runtime lives on this host and how to start it inside a sandbox. Interpreters are resolved to
 * real files (a pyenv or rustup shim is a script that would need the whole home directory): {@code /usr/bin/python3}
 * is preferred, else the interpreter a {@code python3} on PATH really runs, with its prefix bound read-only. Java uses
 * the JDK Clay itself runs on; Rust uses the real {@code rustc} of the default toolchain's sysroot.
 */
public final class Toolchains {
    /**
     * How to run a program inside.
     *
     * @param argv command inside the sandbox
     * @param readOnly host paths to bind read-only (interpreter prefixes outside /usr)
     * @param binaries executables to expose in /usr/bin
     * @param limitAddressSpace whether RLIMIT_AS may apply
     * @param env extra environment
     */
    public record Launch(List<String> argv, List<Path> readOnly, List<Path> binaries, boolean limitAddressSpace,
            Map<String, String> env) {}

    /**
     * Starts a Python program as its own {@code __main__} with {@code requires} as a builtin: a decorator that returns
     * what it decorates, so the header style {@code @requires([...])} above a function runs as written.
     */
    static final String PYTHON_BOOT = "import builtins, runpy, sys\n"
            + "def requires(capabilities=None):\n    return lambda f: f\n"
            + "builtins.requires = requires\nsys.argv = sys.argv[1:]\n"
            + "del builtins, requires\nrunpy.run_path(sys.argv[0], run_name='__main__')\n";

    private final Map<Language, Optional<Path>> found = new ConcurrentHashMap<>();
    private volatile Optional<Path> pythonPrefix;

    /** The interpreter or compiler for {@code language}, if this host has it. */
    public Optional<Path> locate(Language language) {
        return found.computeIfAbsent(language, this::find);
    }

    private Optional<Path> find(Language language) {
        return switch (language) {
            case PYTHON -> python();
            case JAVASCRIPT -> HostSupport.which("node").map(BubblewrapBackend::real);
            case JAVA -> Optional.of(Path.of(System.getProperty("java.home"), "bin", "java")).filter(Files::isExecutable);
            case RUST -> rustc();
        };
    }

    /** The command that runs {@code program} whose source is at {@code /clay/<file>} (or its binary for Rust). */
    public Launch launch(Program program) {
        Path exe = locate(program.language()).orElseThrow(() -> new SandboxUnavailableException(
                "no " + program.language().wireName() + " runtime found on this machine", installHint(program.language())));
        String src = LaunchPlan.PROGRAM_DIR + "/" + program.fileName();
        return switch (program.language()) {
            case PYTHON -> new Launch(List.of(pythonPrefix != null && pythonPrefix.isPresent() ? exe.toString()
                    : "/usr/bin/" + exe.getFileName(), "-I", "-B", "-c", PYTHON_BOOT, src),
                    pythonPrefix == null ? List.of() : pythonPrefix.stream().toList(), List.of(exe), true,
                    Map.of("PYTHONUNBUFFERED", "1", "PYTHONIOENCODING", "utf-8"));
            case JAVASCRIPT -> new Launch(List.of("/usr/bin/" + exe.getFileName(), "--max-old-space-size=256", src),
                    outsideUsr(exe.getParent().getParent()), List.of(exe), false, Map.of());
            case JAVA -> new Launch(List.of(exe.toString(), "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData",
                    "-Xshare:auto", "-Xmx256m", "-XX:CICompilerCount=2", "-Djava.io.tmpdir=/tmp", src),
                    outsideUsr(exe.getParent().getParent()), List.of(), false, Map.of());
            case RUST -> new Launch(List.of(LaunchPlan.PROGRAM_DIR + "/program"), List.of(), List.of(), true, Map.of());
        };
    }

    /** The compiler command for a Rust program; output goes to {@code outDir/program}. */
    public Launch rustCompile(Program program, Path outDir) {
        Path rustc = locate(Language.RUST).orElseThrow(() -> new SandboxUnavailableException(
                "no rustc found on this machine", installHint(Language.RUST)));
        Path sysroot = rustc.getParent().getParent();
        Path cc = HostSupport.which("cc").map(BubblewrapBackend::real).orElseThrow(() -> new SandboxUnavailableException(
                "Rust programs need a C linker (cc) and none was found", "apt-get install gcc"));
        return new Launch(List.of(rustc.toString(), "--edition", "2021", "-C", "opt-level=1", "-C", "debuginfo=0",
                "-C", "linker=" + cc,
                "-o", outDir.resolve("program").toString(), LaunchPlan.PROGRAM_DIR + "/" + program.fileName()),
                outsideUsr(sysroot), List.of(), false, Map.of("PATH", "/usr/bin:/bin"));
    }

    private static List<Path> outsideUsr(Path prefix) {
        return prefix.startsWith("/usr") ? List.of() : List.of(prefix);
    }

    private Optional<Path> python() {
        Path usr = Path.of("/usr/bin/python3");
        if (Files.isExecutable(usr)) {
            pythonPrefix = Optional.empty();
            return Optional.of(BubblewrapBackend.real(usr));
        }
        Optional<Path> shim = HostSupport.which("python3");
        if (shim.isEmpty()) return Optional.empty();
        List<String> out = ask(List.of(shim.get().toString(), "-c", "import sys;print(sys.executable);print(sys.base_prefix)"));
        if (out.size() < 2) return Optional.empty();
        Path exe = BubblewrapBackend.real(Path.of(out.get(0)));
        pythonPrefix = outsideUsr(Path.of(out.get(1))).stream().findFirst();
        return Optional.of(exe);
    }

    private Optional<Path> rustc() {
        Optional<Path> shim = HostSupport.which("rustc");
        if (shim.isEmpty()) {
            Path home = Path.of(System.getProperty("user.home"), ".cargo", "bin", "rustc");
            if (!Files.isExecutable(home)) return Optional.empty();
            shim = Optional.of(home);
        }
        List<String> out = ask(List.of(shim.get().toString(), "--print", "sysroot"));
        if (out.isEmpty()) return Optional.empty();
        Path real = Path.of(out.get(0), "bin", "rustc");
        return Files.isExecutable(real) ? Optional.of(BubblewrapBackend.real(real)) : Optional.empty();
    }

    private static List<String> ask(List<String> cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            p.getOutputStream().close();
            String text = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) return List.of();
            return new ArrayList<>(text.lines().map(String::strip).filter(s -> !s.isEmpty()).toList());
        } catch (IOException e) {
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }

    private static String installHint(Language l) {
        return switch (l) {
            case PYTHON -> "install python3 (apt-get install python3)";
            case JAVASCRIPT -> "install Node.js (apt-get install nodejs)";
            case JAVA -> "run Clay on a full JDK";
            case RUST -> "install Rust (rustup) so that rustc is on PATH";
        };
    }
}
