package clay.cli.bench;

import picocli.CommandLine.Command;

/** {@code clay bench}: each benchmark is a subcommand listed here. */
@Command(name = "bench", description = "Measure Clay: intents, fs, llama, sandbox, canvas, redaction, boot.",
        subcommands = {BootBench.class, RedactionBenchCommand.class})
public final class BenchCommand {}
