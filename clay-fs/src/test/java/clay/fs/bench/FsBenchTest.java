package clay.fs.bench;

import static org.assertj.core.api.Assertions.assertThat;

import clay.fs.find.Fusion;
import clay.fs.index.Embedder;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FsBenchTest {
    static Beir mini() throws Exception {
        Path dir = Path.of(FsBenchTest.class.getResource("/beir-mini/corpus.jsonl").toURI()).getParent();
        return Beir.load(dir.resolve("corpus.jsonl"), dir.resolve("queries.jsonl"), dir.resolve("qrels.tsv"));
    }

    @Test
    void hybridBeatsEachSingleMethodOnTheOwnCollection() throws Exception {
        var opt = new FsBench.Options(Embedder.miniLm(), List.of(Fusion.defaults(), new Fusion.Rrf(60, 1, 1),
                new Fusion.Convex(0.3, 0.1), new Fusion.Convex(0.5, 0.1), new Fusion.Rrf(20, 1, 1.5)), 240, 64);
        FsBench.Result r = FsBench.run(opt, mini());
        System.out.println(r.toText());
        System.out.println(r.toJson());
        Map<String, FsBench.Method> m = r.methods();
        assertThat(m.get("hybrid").ndcg10()).isGreaterThan(m.get("bm25").ndcg10()).isGreaterThan(0);
        assertThat(m.get("hybrid").ndcg10()).isGreaterThan(m.get("vector").ndcg10());
        assertThat(r.toJson().get("bm25").has("p95_ms")).isTrue();
        assertThat(r.toJson().has("docs_per_second")).isTrue();
    }

    @Test
    void metricsFollowTheirDefinitions() {
        Map<String, Integer> rel = Map.of("a", 1, "b", 1);
        assertThat(FsBench.ndcg10(List.of("a", "b", "c"), rel)).isEqualTo(1.0);
        assertThat(FsBench.ndcg10(List.of("c", "a"), Map.of("a", 1))).isCloseTo(1 / (Math.log(3) / Math.log(2)), org.assertj.core.data.Offset.offset(1e-9));
        assertThat(FsBench.recall100(List.of("a", "x"), rel)).isEqualTo(0.5);
        assertThat(FsBench.percentile(new double[] {5, 1, 3, 2, 4}, 50)).isEqualTo(3);
    }

    @Test
    void latencyRunReportsAllThreeMethods() {
        FsBench.Result r = FsBench.latency(FsBench.Options.defaults(), 2000, 30, 7);
        assertThat(r.chunks()).isEqualTo(2000);
        assertThat(r.methods()).containsKeys("bm25", "vector", "hybrid");
        assertThat(r.methods().get("hybrid").p50ms()).isPositive();
    }
}
