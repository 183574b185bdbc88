package clay.intelligence.intent;

import clay.core.ClayException;
import clay.core.Intent;
import clay.core.Utterance;
import clay.intelligence.model.ModelProvider;
import clay.intelligence.time.TimeExpressions;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * From an utterance to a validated {@link Intent}. The fast path (an {@link IntentClassifier} trained on the catalog's
 * examples) answers when it is confident; otherwise, when a model is available, the {@link LlmIntentParser} fills the
 * intent schema under constrained decoding; otherwise the answer is out-of-scope. Parameters come from the
 * {@link ParameterExtractor}. The classifier refits itself when the catalog changes (a skill or the user added
 * intents).
 *
 * <pre>{@code
 * IntentParser parser = new IntentParser(IntentCatalog.builtin(), TextEncoder.minilm(), time, Optional::empty);
 * Intent i = parser.parse(Utterance.text("find the invoice from last week"));
 * }</pre>
 */
public final class IntentParser {
    private static final Logger LOG = LoggerFactory.getLogger(IntentParser.class);
    private static final String OOS_RESOURCE = "/clay/intelligence/intent/oos-examples.json";

    private final IntentCatalog catalog;
    private final TextEncoder encoder;
    private final ParameterExtractor extractor;
    private final LlmIntentParser llm;
    private final Supplier<Optional<ModelProvider>> model;
    private volatile IntentClassifier classifier;
    private volatile long fittedVersion = -1;
    private volatile java.nio.file.Path fitCache;

    /**
     * @param model the model for the slow path, looked up on each parse (it may be added or removed at run time)
     */
    public IntentParser(IntentCatalog catalog, TextEncoder encoder, TimeExpressions time,
            Supplier<Optional<ModelProvider>> model) {
        this.catalog = catalog;
        this.encoder = encoder;
        this.extractor = new ParameterExtractor(time);
        this.llm = new LlmIntentParser(catalog);
        this.model = model;
    }

    /**
     * Keeps fitted classifiers in {@code dir} (one small file per catalog), so a later process loads in milliseconds
     * what this one fitted; returns this.
     */
    public IntentParser storeFitsIn(java.nio.file.Path dir) {
        this.fitCache = dir;
        return this;
    }

    public IntentCatalog catalog() {
        return catalog;
    }

    public ParameterExtractor extractor() {
        return extractor;
    }

    /** The fast classifier, fitted on the catalog's current examples (fits on first use and after catalog changes). */
    public IntentClassifier classifier() {
        long v = catalog.version();
        IntentClassifier c = classifier;
        if (c != null && fittedVersion == v) return c;
        synchronized (this) {
            if (classifier == null || fittedVersion != catalog.version()) {
                long t0 = System.nanoTime();
                v = catalog.version();
                classifier = fit(catalog, encoder, fitCache);
                fittedVersion = v;
                LOG.debug("intent classifier fitted on {} intents in {} ms", classifier.intents().size(), (System.nanoTime() - t0) / 1_000_000);
            }
            return classifier;
        }
    }

    /**
     * Fits on the catalog: for each intent with at least four examples, every fourth example is held out for
     * calibration, and built-in out-of-scope utterances set the rejection threshold.
     */
    static IntentClassifier fit(IntentCatalog catalog, TextEncoder encoder) {
        return fit(catalog, encoder, null);
    }

    static IntentClassifier fit(IntentCatalog catalog, TextEncoder encoder, java.nio.file.Path cacheDir) {
        StringBuilder key = new StringBuilder(encoder.name());
        for (IntentDefinition d : catalog.all()) key.append('\u0001').append(d.name()).append('\u0002').append(String.join("\u0003", d.examples()));
        String k = key.toString();
        String fileKey = cacheDir == null ? null
                : FittedClassifiers.key(k + '\u0004' + IntentClassifier.Options.defaults() + '\u0004' + String.join("\u0003", oosExamples()));
        IntentClassifier cached = FITTED.get(k);
        if (cached != null) {
            if (fileKey != null && !java.nio.file.Files.exists(FittedClassifiers.file(cacheDir, fileKey))) FittedClassifiers.store(cacheDir, fileKey, cached);
            return cached;
        }
        IntentClassifier c = fileKey == null ? null : FittedClassifiers.load(cacheDir, fileKey, encoder).orElse(null);
        if (c == null) {
            c = fitUncached(catalog, encoder);
            if (fileKey != null) FittedClassifiers.store(cacheDir, fileKey, c);
        }
        if (FITTED.size() > 8) FITTED.clear();
        FITTED.put(k, c);
        return c;
    }

    /** Fitted classifiers by encoder and catalog content: runtimes in one process (tests, restarts) fit once. */
    private static final Map<String, IntentClassifier> FITTED = new java.util.concurrent.ConcurrentHashMap<>();

    private static IntentClassifier fitUncached(IntentCatalog catalog, TextEncoder encoder) {
        List<IntentClassifier.Example> train = new ArrayList<>(), val = new ArrayList<>();
        for (IntentDefinition d : catalog.all()) {
            List<String> ex = d.examples();
            for (int i = 0; i < ex.size(); i++) {
                var e = new IntentClassifier.Example(ex.get(i), d.name());
                if (ex.size() >= 4 && i % 4 == 3) val.add(e);
                else train.add(e);
            }
        }
        List<String> oos = oosExamples();
        for (int i = 0; i < oos.size(); i++) {
            var e = new IntentClassifier.Example(oos.get(i), Intent.OUT_OF_SCOPE);
            if (i % 2 == 0) train.add(e);
            else val.add(e);
        }
        return IntentClassifier.fit(encoder, train, val, IntentClassifier.Options.defaults());
    }

    private static List<String> oosExamples() {
        try (InputStream in = IntentParser.class.getResourceAsStream(OOS_RESOURCE)) {
            JsonNode n = IntentSchema.JSON.readTree(in);
            List<String> out = new ArrayList<>();
            n.path("examples").forEach(e -> out.add(e.asText()));
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Parses one utterance; never returns an intent that breaks the schema or the catalog, and never reads a question
     * as an action: a question read as an intent that creates or destroys becomes {@code recall} when it asks what
     * Clay knows ("what do you remember about me"), otherwise out-of-scope (a model answers it).
     */
    public Intent parse(Utterance u) {
        Intent i = parseUnchecked(u);
        if (i.outOfScope() || !ActionGuard.isQuestion(u.text())) return i;
        SafetyClass safety = catalog.find(i.name()).map(IntentDefinition::safety).orElse(SafetyClass.READ_ONLY);
        if (safety == SafetyClass.READ_ONLY) return i;
        Map<String, Object> ctx = new LinkedHashMap<>(i.context());
        ctx.put("reread", "a question is never an action: " + i.name() + " (" + safety.wireName() + ") not taken");
        boolean aboutMemory = MEMORY_QUESTION.matcher(u.text().toLowerCase(java.util.Locale.ROOT)).find();
        if (aboutMemory && catalog.find(RECALL).isPresent()) {
            return catalog.validate(new Intent(RECALL, Map.of(), i.confidence(), u.source(), ctx));
        }
        return new Intent(Intent.OUT_OF_SCOPE, Map.of(), i.confidence(), u.source(), ctx);
    }

    private static final String RECALL = "recall";
    private static final java.util.regex.Pattern MEMORY_QUESTION = java.util.regex.Pattern.compile(
            "\\b(remember|know|knew|told|said|mentioned|noted|saved|stored|memor(y|ies)|forgot|forget)\\b"
                    + "|\\b(did|have|do) i (ever )?(tell|say)\\b"); // not "tell me something": that asks for an answer

    private Intent parseUnchecked(Utterance u) {
        long t0 = System.nanoTime();
        IntentClassifier.Prediction p = classifier().classify(u.text());
        List<String> hints = p.top().stream().map(IntentClassifier.Candidate::intent).toList();
        if (!p.outOfScope()) {
            IntentDefinition def = catalog.find(p.intent()).orElseThrow();
            Map<String, Object> ctx = context(u, "classifier", p, t0);
            try {
                return catalog.validate(new Intent(p.intent(), extractor.extract(u.text(), def), p.confidence(), u.source(), ctx));
            } catch (clay.core.InvalidIntentException e) {
                // extracted slots that break the intent's parameter schema are dropped, not passed on
                ctx.put("parameter_error", e.getMessage());
                return catalog.validate(new Intent(p.intent(), Map.of(), p.confidence(), u.source(), ctx));
            }
        }
        Optional<ModelProvider> m = model.get();
        if (m.isPresent()) {
            try {
                Intent viaModel = llm.parse(u, m.get(), hints, extractor);
                Map<String, Object> ctx = new LinkedHashMap<>(viaModel.context());
                ctx.put("parse_ms", (System.nanoTime() - t0) / 1e6);
                ctx.put("classifier_guess", hints.get(0));
                return new Intent(viaModel.name(), viaModel.parameters(), viaModel.confidence(), viaModel.source(), ctx);
            } catch (ClayException e) {
                LOG.info("model intent parse failed, answering out-of-scope: {}", e.getMessage());
                Map<String, Object> ctx = context(u, "classifier", p, t0);
                ctx.put("model_error", e.getMessage());
                return new Intent(Intent.OUT_OF_SCOPE, Map.of(), p.confidence(), u.source(), ctx);
            }
        }
        return new Intent(Intent.OUT_OF_SCOPE, Map.of(), p.confidence(), u.source(), context(u, "classifier", p, t0));
    }

    private static Map<String, Object> context(Utterance u, String path, IntentClassifier.Prediction p, long t0) {
        Map<String, Object> ctx = new LinkedHashMap<>();
        ctx.put("text", u.text());
        ctx.put("path", path);
        List<Map<String, Object>> alts = new ArrayList<>();
        for (IntentClassifier.Candidate c : p.top()) alts.add(Map.of("intent", c.intent(), "probability", Math.round(c.probability() * 1000) / 1000.0));
        ctx.put("alternatives", alts);
        ctx.put("parse_ms", (System.nanoTime() - t0) / 1e6);
        return ctx;
    }
}
