package clay.cli.bench;

import clay.core.InvalidInputException;
import clay.intelligence.intent.IntentBench;
import clay.intelligence.intent.IntentClassifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code clay bench intents --data FILE [--json]}: the fast intent classifier's accuracy, OOS detection, fit time and
 * latency on a dataset in the CLINC150 JSON layout, with the encoder the runtime ships by default.
 */
@Command(name = "intents", mixinStandardHelpOptions = true,
        description = "Fit the fast intent classifier on a dataset's train and val splits (+ oos_train, oos_val) and measure "
                + "test (+ oos_test): in-scope accuracy, out-of-scope precision/recall, fit time, latency p50/p95, each "
                + "against its target. Data: the CLINC150 JSON layout (github.com/clinc/oos-eval, e.g. data_full.json).")
public final class IntentsBench implements Callable<Integer> {
    @Option(names = "--data", paramLabel = "FILE", required = true,
            description = "JSON with train, val, test (and optionally oos_train, oos_val, oos_test): lists of [text, intent], "
                    + "as in CLINC150's data_full.json. Repeat to run several sets; shared utterances are embedded once.")
    java.util.List<Path> data;

    @Option(names = "--encoder", defaultValue = "minilm",
            description = "minilm (what the runtime ships), bge or minilm+bge (default: ${DEFAULT-VALUE}).")
    String encoder;

    @Option(names = "--head", defaultValue = "lda",
            description = "lda (the runtime's), logistic (slow on large sets), ridge or proto (default: ${DEFAULT-VALUE}).")
    String head;

    @Option(names = "--json", description = "Print one JSON object with in_scope_accuracy, oos_precision, oos_recall, p50_ms, p95_ms.")
    boolean json;

    @Override
    public Integer call() {
        for (Path file : data) {
            if (!Files.isRegularFile(file)) {
                throw new InvalidInputException("no dataset at " + file,
                        "give --data a JSON file, e.g. CLINC150's data_full.json (github.com/clinc/oos-eval) or bench/data/intents-77.json");
            }
        }
        IntentClassifier.Options o = IntentClassifier.Options.defaults().withHead(head, -1);
        for (Path file : data) { // utterances shared between files are embedded once
            IntentBench.Result r = IntentBench.run(file, new IntentBench.Config(encoder, o));
            System.out.print(json ? r.toJson() + "\n" : "== " + file + "\n" + r.toText());
        }
        return 0;
    }
}
