package clay.cli.bench;

import picocli.CommandLine.Command;

/** {@code clay bench}: each benchmark is a subcommand listed here, one per line. */
@Command(name = "bench", description = "Measure Clay: intents, fs, retrieval, llama, sandbox, canvas, redaction, boot.",
        subcommands = {
            BootBench.class,
            IntentsBench.class,
            FsBenchCommand.class,
            RetrievalBenchCommand.class,
            SandboxBenchCommand.class,
            CanvasBenchCommand.class,
            LlamaBenchCommand.class,
            RedactionBenchCommand.class,
        })
public final class BenchCommand {}
