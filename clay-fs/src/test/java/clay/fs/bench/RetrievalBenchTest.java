package clay.fs.bench;

import static org.assertj.core.api.Assertions.assertThat;

import clay.fs.find.HybridSearch;
import clay.fs.index.Embedder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetrievalBenchTest {
    @TempDir Path dir;

    @Test
    void reportsTheThreeRankingsOfOneRunTheirRatioAndEachTarget() throws Exception {
        Path mini = Path.of(getClass().getResource("/beir-mini/corpus.jsonl").toURI()).getParent();
        Files.copy(mini.resolve("corpus.jsonl"), dir.resolve("corpus.jsonl"));
        Files.copy(mini.resolve("queries.jsonl"), dir.resolve("queries.jsonl"));
        Files.copy(mini.resolve("qrels.tsv"), dir.resolve("qrels.tsv"));
        Beir c = IrCollections.load(dir, "auto");
        var opt = new RetrievalBench.Options(Embedder.miniLm(), HybridSearch.defaults(), 240, 64, true);
        RetrievalBench.Result r = RetrievalBench.run("beir-mini", c, opt);
        assertThat(r.hybrid().ndcg10()).isGreaterThan(r.bm25().ndcg10());
        assertThat(r.ratio()).isEqualTo(r.hybrid().ndcg10() / r.bm25().ndcg10());
        assertThat(r.ratioMet()).isEqualTo(r.ratio() >= 1.25);
        assertThat(r.docsPerSecond()).isPositive();
        assertThat(r.hybrid().p50ms()).isPositive();
        String text = r.toText();
        assertThat(text).contains("hybrid / bm25").contains("docs/s wall").containsPattern("(met|not met)");
        // the alternatives come from the same candidates: the shipped fusion appears among them with the same score
        assertThat(r.variants()).anySatisfy(v -> {
            assertThat(v.name()).isEqualTo("hybrid convex(a=0.4)");
            assertThat(v.ndcg10()).isCloseTo(r.hybrid().ndcg10(), org.assertj.core.data.Offset.offset(1e-9));
        });
        assertThat(r.variants()).anySatisfy(v -> assertThat(v.name()).contains("rm3"));
        assertThat(r.toJson().get("ratio_met").asBoolean()).isEqualTo(r.ratioMet());
    }
}
