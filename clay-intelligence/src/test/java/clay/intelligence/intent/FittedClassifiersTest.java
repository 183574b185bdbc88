package clay.intelligence.intent;

import static org.assertj.core.api.Assertions.assertThat;

import clay.intelligence.time.TimeExpressions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FittedClassifiersTest {

    @Test
    void aFittedClassifierIsStoredOnceAndLoadsBackAnsweringTheSame(@TempDir Path dir) throws Exception {
        IntentParser parser = new IntentParser(IntentCatalog.builtin(), TextEncoder.minilm(),
                new TimeExpressions(Clock.systemUTC(), ZoneId.of("UTC")), Optional::empty).storeFitsIn(dir);
        IntentClassifier fitted = parser.classifier();

        List<Path> files;
        try (var s = Files.list(dir)) {
            files = s.toList();
        }
        assertThat(files).hasSize(1);
        String name = files.get(0).getFileName().toString();
        String key = name.substring("intent-".length(), name.length() - ".bin".length());

        long t0 = System.nanoTime();
        IntentClassifier loaded = FittedClassifiers.load(dir, key, TextEncoder.minilm()).orElseThrow();
        System.out.printf("loaded the fitted classifier (%d bytes) in %.1f ms%n", Files.size(files.get(0)), (System.nanoTime() - t0) / 1e6);
        for (String u : List.of("what time is it", "find the invoice from last week", "remember that my cat is Miso",
                "tell me a long story about a dragon")) {
            IntentClassifier.Prediction a = fitted.classify(u), b = loaded.classify(u);
            assertThat(b.intent()).as(u).isEqualTo(a.intent());
            assertThat(b.confidence()).as(u).isCloseTo(a.confidence(), org.assertj.core.data.Offset.offset(1e-9));
        }
        assertThat(loaded.threshold()).isEqualTo(fitted.threshold());
    }

    @Test
    void aDamagedFileIsAMissNotAnError(@TempDir Path dir) throws Exception {
        Files.write(FittedClassifiers.file(dir, "k"), new byte[] {0, 0, 0, 9, 1});
        assertThat(FittedClassifiers.load(dir, "k", TextEncoder.minilm())).isEmpty();
    }

    @Test
    void theKeyChangesWithTheCatalog() {
        assertThat(FittedClassifiers.key("minilm\u0001get_time\u0002what time is it"))
                .isNotEqualTo(FittedClassifiers.key("minilm\u0001get_time\u0002what time is it\u0003time please"));
    }
}
