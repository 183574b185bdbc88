package clay.intelligence.intent;

import clay.core.Intent;
import clay.core.InvalidInputException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code clay bench intents --data FILE}: fits the fast classifier on a dataset's {@code train} (+ {@code oos_train})
 * lists, tunes calibration and threshold on {@code val} (+ {@code oos_val}), and measures {@code test} (+
 * {@code oos_test}): in-scope accuracy (an in-scope utterance rejected as out-of-scope counts as wrong), out-of-scope
 * precision and recall, and per-utterance latency (embedding included) after a warm-up. Each list holds
 * {@code [text, intent]} pairs; the label in the {@code oos_*} lists is ignored.
 *
 * <pre>{@code
 * IntentBench.Result r = IntentBench.run(Path.of("bench/data/intents-77.json"), IntentBench.Config.defaults());
 * }</pre>
 */
public final class IntentBench {
    private IntentBench() {}

    /** What to run: the encoder name ({@link TextEncoder#named}) and the classifier options. */
    public record Config(String encoder, IntentClassifier.Options options) {
        public static Config defaults() {
            return new Config("bge", IntentClassifier.Options.defaults());
        }
    }

    /** The measured numbers; {@link #toJson()} has exactly the keys the benchmark contract names. */
    public record Result(double inScopeAccuracy, double oosPrecision, double oosRecall, double p50Ms, double p95Ms,
            int inScopeTested, int oosTested, int intents, String encoder, double threshold, double fitSeconds, double top1Accuracy) {
        public ObjectNode toJson() {
            ObjectNode n = IntentSchema.JSON.createObjectNode();
            n.put("in_scope_accuracy", round(inScopeAccuracy));
            n.put("oos_precision", round(oosPrecision));
            n.put("oos_recall", round(oosRecall));
            n.put("p50_ms", round(p50Ms));
            n.put("p95_ms", round(p95Ms));
            return n;
        }

        public String toText() {
            return String.format(java.util.Locale.ROOT,
                    "intents: %d, test utterances: %d in-scope, %d out-of-scope (encoder %s, threshold %.3f, fit %.1f s)%n"
                            + "in-scope accuracy  %.4f%noos precision      %.4f%noos recall         %.4f%n"
                            + "latency p50        %.2f ms%nlatency p95        %.2f ms%ntop-1 (no reject)  %.4f%n",
                    intents, inScopeTested, oosTested, encoder, threshold, fitSeconds, inScopeAccuracy, oosPrecision,
                    oosRecall, p50Ms, p95Ms, top1Accuracy);
        }

        private static double round(double v) {
            return Math.round(v * 10000) / 10000.0;
        }
    }

    /** A dataset read from the JSON file format. */
    public record Dataset(List<IntentClassifier.Example> train, List<IntentClassifier.Example> val,
            List<IntentClassifier.Example> test) {}

    public static Dataset load(Path file) {
        JsonNode root;
        try {
            root = IntentSchema.JSON.readTree(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new InvalidInputException("cannot read dataset " + file + ": " + e.getMessage(),
                    "give a JSON file with keys train, val, test (and optionally oos_train, oos_val, oos_test)", e);
        }
        if (root == null || !root.isObject() || !root.has("train") || !root.has("test")) {
            throw new InvalidInputException("dataset " + file + " lacks the train or test list",
                    "keys are train, val, test, oos_train, oos_val, oos_test; each a list of [text, intent] pairs");
        }
        return new Dataset(pairs(root, "train", "oos_train"), pairs(root, "val", "oos_val"), pairs(root, "test", "oos_test"));
    }

    private static List<IntentClassifier.Example> pairs(JsonNode root, String key, String oosKey) {
        List<IntentClassifier.Example> out = new ArrayList<>();
        for (String k : List.of(key, oosKey)) {
            JsonNode list = root.path(k);
            if (list.isMissingNode() || list.isNull()) continue;
            if (!list.isArray()) throw new InvalidInputException("dataset key " + k + " is not a list", "use a list of [text, intent] pairs");
            int i = 0;
            for (JsonNode p : list) {
                if (!p.isArray() || p.size() < 1 || !p.get(0).isTextual() || (k.equals(key) && (p.size() < 2 || !p.get(1).isTextual()))) {
                    throw new InvalidInputException("dataset " + k + "[" + i + "] is not a [text, intent] pair: " + p,
                            "each entry must look like [\"what time is it\", \"get_time\"]");
                }
                String label = k.equals(oosKey) ? Intent.OUT_OF_SCOPE : normalizeLabel(p.get(1).asText());
                out.add(new IntentClassifier.Example(p.get(0).asText(), label));
                i++;
            }
        }
        return out;
    }

    private static String normalizeLabel(String label) {
        return label.equals("oos") ? Intent.OUT_OF_SCOPE : label;
    }

    public static Result run(Path file, Config config) {
        return run(load(file), config);
    }

    public static Result run(Dataset data, Config config) {
        TextEncoder encoder = TextEncoder.named(config.encoder());
        long t0 = System.nanoTime();
        IntentClassifier c = IntentClassifier.fit(encoder, data.train(), data.val(), config.options());
        double fitSeconds = (System.nanoTime() - t0) / 1e9;
        for (int i = 0; i < Math.min(30, data.test().size()); i++) c.classify(data.test().get(i).text()); // warm-up
        int inN = 0, inRight = 0, top1 = 0, oosN = 0, oosCaught = 0, predictedOos = 0;
        double[] ms = new double[data.test().size()];
        int k = 0;
        for (IntentClassifier.Example e : data.test()) {
            long s = System.nanoTime();
            IntentClassifier.Prediction p = c.classify(e.text());
            ms[k++] = (System.nanoTime() - s) / 1e6;
            boolean isOos = Intent.OUT_OF_SCOPE.equals(e.intent());
            if (p.outOfScope()) predictedOos++;
            if (isOos) {
                oosN++;
                if (p.outOfScope()) oosCaught++;
            } else {
                inN++;
                if (p.intent().equals(e.intent())) inRight++;
                if (p.top().get(0).intent().equals(e.intent())) top1++;
            }
        }
        Arrays.sort(ms);
        return new Result(ratio(inRight, inN), ratio(oosCaught, predictedOos), ratio(oosCaught, oosN),
                percentile(ms, 0.50), percentile(ms, 0.95), inN, oosN, c.intents().size(), encoder.name(),
                c.threshold(), fitSeconds, ratio(top1, inN));
    }

    private static double ratio(int a, int b) {
        return b == 0 ? 0 : (double) a / b;
    }

    private static double percentile(double[] sorted, double q) {
        if (sorted.length == 0) return 0;
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
    }

    /** Developer entry: {@code IntentBench FILE [encoder] [head] [lambda] [epochs] [oosWeight] [minOosRecall] [lexical] [knn] [refit] [folds]}. */
    public static void main(String[] args) {
        IntentClassifier.Options d = IntentClassifier.Options.defaults();
        String enc = args.length > 1 ? args[1] : "bge";
        IntentClassifier.Options o = new IntentClassifier.Options(args.length > 2 ? args[2] : d.head(),
                args.length > 3 ? Double.parseDouble(args[3]) : d.lambda(), args.length > 4 ? Integer.parseInt(args[4]) : d.epochs(),
                args.length > 5 ? Double.parseDouble(args[5]) : d.oosWeight(),
                args.length > 6 ? Double.parseDouble(args[6]) : d.minOosRecall(),
                args.length > 7 ? Double.parseDouble(args[7]) : d.lexicalWeight(),
                args.length > 8 ? Double.parseDouble(args[8]) : d.knnWeight(),
                args.length > 9 ? Boolean.parseBoolean(args[9]) : d.refit(),
                args.length > 10 ? Integer.parseInt(args[10]) : d.folds());
        Result r = run(Path.of(args[0]), new Config(enc, o));
        System.out.print(r.toText());
    }
}
