package clay.cli.bench;

import clay.core.InvalidInputException;
import clay.intelligence.intent.IntentBench;
import clay.intelligence.intent.IntentClassifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code clay bench intents --data FILE [--json]}: the fast intent classifier's accuracy, OOS detection and latency. */
@Command(name = "intents", description = "Fit the fast intent classifier on a dataset's train (+val) lists and measure test: "
        + "in-scope accuracy, out-of-scope precision/recall, latency p50/p95.")
public final class IntentsBench implements Callable<Integer> {
    @Option(names = "--data", paramLabel = "FILE", required = true,
            description = "JSON with train, val, test (and optionally oos_train, oos_val, oos_test): lists of [text, intent].")
    Path data;

    @Option(names = "--encoder", defaultValue = "bge", description = "minilm, bge or minilm+bge (default: ${DEFAULT-VALUE}).")
    String encoder;

    @Option(names = "--head", defaultValue = "logistic", description = "logistic, ridge or proto (default: ${DEFAULT-VALUE}).")
    String head;

    @Option(names = "--json", description = "Print one JSON object with in_scope_accuracy, oos_precision, oos_recall, p50_ms, p95_ms.")
    boolean json;

    @Override
    public Integer call() {
        if (!Files.isRegularFile(data)) {
            throw new InvalidInputException("no dataset at " + data, "give --data a JSON file, e.g. bench/data/intents-77.json");
        }
        IntentClassifier.Options d = IntentClassifier.Options.defaults();
        IntentClassifier.Options o = d.withHead(head, head.equals("logistic") ? d.lambda() : 0.01);
        IntentBench.Result r = IntentBench.run(data, new IntentBench.Config(encoder, o));
        System.out.print(json ? r.toJson() + "\n" : r.toText());
        return 0;
    }
}
