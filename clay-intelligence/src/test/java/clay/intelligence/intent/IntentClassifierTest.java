package clay.intelligence.intent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import clay.core.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IntentClassifierTest {
    static Path small() throws Exception {
        return Path.of(IntentClassifierTest.class.getResource("/clay/intelligence/intent/intents-small.json").toURI());
    }

    @Test
    void benchOnTheSmallDatasetIsAccurateAndRejectsOutOfScope() throws Exception {
        IntentBench.Result r = IntentBench.run(small(), new IntentBench.Config("minilm", IntentClassifier.Options.defaults()));
        assertThat(r.intents()).isEqualTo(20);
        assertThat(r.inScopeAccuracy()).isGreaterThan(0.85);
        assertThat(r.oosRecall()).isGreaterThan(0.6);
        assertThat(r.toJson().properties()).extracting(java.util.Map.Entry::getKey)
                .containsExactly("in_scope_accuracy", "oos_precision", "oos_recall", "p50_ms", "p95_ms");
        assertThat(r.p50Ms()).isPositive();
    }

    @Test
    void confidenceIsCalibratedAndOrdered() throws Exception {
        IntentBench.Dataset d = IntentBench.load(small());
        IntentClassifier c = IntentClassifier.fit(TextEncoder.minilm(), d.train(), d.val(), IntentClassifier.Options.defaults());
        IntentClassifier.Prediction p = c.classify("set a timer for five minutes");
        assertThat(p.top()).hasSize(3);
        assertThat(p.top().get(0).probability()).isGreaterThanOrEqualTo(p.top().get(1).probability());
        assertThat(p.confidence()).isBetween(0.0, 1.0);
        assertThat(c.temperature()).isPositive();
        assertThat(c.threshold()).isBetween(0.0, 1.0);
    }

    @Test
    void crossValidatedFitTrainsOnValidationDataAndStillRejects() throws Exception {
        IntentBench.Dataset d = IntentBench.load(small());
        List<IntentClassifier.Example> inScopeTrain = d.train().stream()
                .filter(e -> !clay.core.Intent.OUT_OF_SCOPE.equals(e.intent())).toList();
        IntentClassifier.Options o = IntentClassifier.Options.defaults();
        assertThat(o.folds()).isGreaterThanOrEqualTo(2);
        // no out-of-scope class: the out-of-scope validation utterances only set the threshold
        IntentClassifier c = IntentClassifier.fit(TextEncoder.minilm(), inScopeTrain, d.val(), o);
        assertThat(c.intents()).hasSize(20);
        assertThat(c.threshold()).isBetween(0.0, 1.0);
        long right = d.test().stream().filter(e -> !clay.core.Intent.OUT_OF_SCOPE.equals(e.intent()))
                .filter(e -> c.classify(e.text()).top().get(0).intent().equals(e.intent())).count();
        long inScope = d.test().stream().filter(e -> !clay.core.Intent.OUT_OF_SCOPE.equals(e.intent())).count();
        assertThat((double) right / inScope).isGreaterThan(0.85);
        long caught = d.test().stream().filter(e -> clay.core.Intent.OUT_OF_SCOPE.equals(e.intent()))
                .filter(e -> c.classify(e.text()).outOfScope()).count();
        assertThat(caught).isPositive();
    }

    @Test
    void tooLittleDataForFoldsFallsBackToValidationTuning() {
        IntentClassifier c = IntentClassifier.fit(TextEncoder.minilm(),
                List.of(new IntentClassifier.Example("hello there", "greet")),
                List.of(new IntentClassifier.Example("what is the tallest mountain", clay.core.Intent.OUT_OF_SCOPE)),
                IntentClassifier.Options.defaults());
        assertThat(c.intents()).containsExactly("greet");
        assertThat(c.classify("hi there").top().get(0).intent()).isEqualTo("greet");
    }

    @Test
    void badDatasetsAreRejectedWithAFix(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("bad.json");
        Files.writeString(f, "{\"train\":[[\"hi\"]],\"test\":[]}");
        assertThatThrownBy(() -> IntentBench.load(f)).isInstanceOf(InvalidInputException.class).hasMessageContaining("train[0]");
        Files.writeString(f, "{\"val\":[]}");
        assertThatThrownBy(() -> IntentBench.load(f)).hasMessageContaining("lacks the train or test list");
        assertThatThrownBy(() -> IntentBench.load(dir.resolve("missing.json"))).hasMessageContaining("cannot read dataset");
        assertThatThrownBy(() -> IntentClassifier.fit(TextEncoder.minilm(), List.of(), List.of(), IntentClassifier.Options.defaults()))
                .hasMessageContaining("no in-scope training examples");
    }
}
