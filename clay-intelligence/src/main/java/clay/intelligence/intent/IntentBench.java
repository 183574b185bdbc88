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
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code clay bench intents --data FILE}: reads a dataset in the CLINC150 JSON layout ({@code train}, {@code val},
 * {@code test}, {@code oos_train}, {@code oos_val}, {@code oos_test}: lists of {@code [text, intent]}; label
 * {@code oos} or any label in an {@code oos_*} list means out of scope), embeds every utterance once, fits the fast
 * classifier on train (+ oos_train) and val (+ oos_val) only — everything it tunes is chosen there — and measures
 * test (+ oos_test): in-scope accuracy (an in-scope utterance rejected as out-of-scope counts as wrong), out-of-scope
 * precision and recall, and per-utterance latency (embedding included, one at a time) after a warm-up. The fit time
 * is wall-clock for the head and its tuning on the embeddings; embedding time is reported apart.
 *
 * <pre>{@code
 * IntentBench.Result r = IntentBench.run(Path.of("data_full.json"), IntentBench.Config.defaults());
 * }</pre>
 */
public final class IntentBench {
    private IntentBench() {}

    /** Targets of the intent fast path (docs/benchmarks.md). */
    public static final double TARGET_IN_SCOPE = 0.93, TARGET_OOS_RECALL = 0.60, TARGET_P50_MS = 10, TARGET_FIT_S = 60;

    /** What to run: the encoder name ({@link TextEncoder#named}) and the classifier options. */
    public record Config(String encoder, IntentClassifier.Options options) {
        public static Config defaults() {
            return new Config("minilm", IntentClassifier.Options.defaults());
        }
    }

    /** The measured numbers; {@link #toJson()} has exactly the keys the benchmark contract names. */
    public record Result(double inScopeAccuracy, double oosPrecision, double oosRecall, double p50Ms, double p95Ms,
            int inScopeTested, int oosTested, int intents, String encoder, double threshold, double fitSeconds, double top1Accuracy,
            String tunedOn, String reportedOn, double embedSeconds, int fitExamples, String head) {
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
                    "tuned on: %s (%d utterances); reported on: %s%n"
                            + "encoder %s, head %s, %d intents; test: %d in-scope, %d out-of-scope%n"
                            + "fit (wall)         %.1f s   %s (target <= %.0f s; embedding %.1f s, apart)%n"
                            + "in-scope accuracy  %.4f   %s (target >= %.2f; rejected counts as wrong)%n"
                            + "oos recall         %.4f   %s (target >= %.2f)%n"
                            + "oos precision      %.4f%n"
                            + "latency p50        %.2f ms  %s (target < %.0f ms, embedding included)%n"
                            + "latency p95        %.2f ms%n"
                            + "top-1 (no reject)  %.4f   threshold %.3f%n",
                    tunedOn, fitExamples, reportedOn, encoder, head, intents, inScopeTested, oosTested,
                    fitSeconds, met(fitSeconds <= TARGET_FIT_S), TARGET_FIT_S, embedSeconds,
                    inScopeAccuracy, met(inScopeAccuracy >= TARGET_IN_SCOPE), TARGET_IN_SCOPE,
                    oosRecall, met(oosRecall >= TARGET_OOS_RECALL), TARGET_OOS_RECALL, oosPrecision,
                    p50Ms, met(p50Ms < TARGET_P50_MS), TARGET_P50_MS, p95Ms, top1Accuracy, threshold);
        }

        private static String met(boolean ok) {
            return ok ? "met    " : "NOT MET";
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
        long e0 = System.nanoTime();
        List<float[]> trainVec = embed(encoder, data.train());
        List<float[]> valVec = embed(encoder, data.val());
        double embedSeconds = (System.nanoTime() - e0) / 1e9;
        long t0 = System.nanoTime();
        IntentClassifier c = IntentClassifier.fit(encoder, data.train(), trainVec, data.val(), valVec, config.options());
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
        String tuned = config.options().folds() >= 2
                ? "train+oos_train and val+oos_val pooled, " + config.options().folds() + "-fold cross-validation"
                : "fit on train+oos_train, tuned on val+oos_val";
        return new Result(ratio(inRight, inN), ratio(oosCaught, predictedOos), ratio(oosCaught, oosN),
                percentile(ms, 0.50), percentile(ms, 0.95), inN, oosN, c.intents().size(), encoder.name(),
                c.threshold(), fitSeconds, ratio(top1, inN), tuned, "test+oos_test (never tuned on)", embedSeconds,
                data.train().size() + data.val().size(), config.options().head());
    }

    /** Embeddings by encoder and text, kept for the process: datasets that share utterances embed them once. */
    private static final Map<String, Map<String, float[]>> EMBEDDED = new ConcurrentHashMap<>();

    private static List<float[]> embed(TextEncoder encoder, List<IntentClassifier.Example> examples) {
        Map<String, float[]> known = EMBEDDED.computeIfAbsent(encoder.name(), k -> new ConcurrentHashMap<>());
        List<String> missing = examples.stream().map(IntentClassifier.Example::text).filter(t -> !known.containsKey(t)).distinct().toList();
        for (int i = 0; i < missing.size(); i += 256) {
            List<String> batch = missing.subList(i, Math.min(missing.size(), i + 256));
            List<float[]> v = encoder.encodeAll(batch);
            for (int j = 0; j < batch.size(); j++) known.put(batch.get(j), v.get(j));
        }
        return examples.stream().map(e -> known.get(e.text())).toList();
    }

    private static double ratio(int a, int b) {
        return b == 0 ? 0 : (double) a / b;
    }

    private static double percentile(double[] sorted, double q) {
        if (sorted.length == 0) return 0;
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
    }

    /** Developer entry: {@code IntentBench FILE[,FILE...] [encoder] [head] [lambda] [lexicalWeight] [minOosRecall] [folds]}. */
    public static void main(String[] args) {
        IntentClassifier.Options d = IntentClassifier.Options.defaults();
        String enc = args.length > 1 ? args[1] : "minilm";
        IntentClassifier.Options o = new IntentClassifier.Options(args.length > 2 ? args[2] : d.head(),
                args.length > 3 ? Double.parseDouble(args[3]) : d.lambda(), d.epochs(), d.oosWeight(),
                args.length > 5 ? Double.parseDouble(args[5]) : d.minOosRecall(),
                args.length > 4 ? Double.parseDouble(args[4]) : d.lexicalWeight(),
                args.length > 6 ? Integer.parseInt(args[6]) : d.folds());
        for (String file : args[0].split(",")) {
            System.out.println("== " + file);
            System.out.print(run(Path.of(file), new Config(enc, o)).toText());
        }
    }
}
