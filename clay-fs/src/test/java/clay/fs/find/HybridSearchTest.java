package clay.fs.find;

import static org.assertj.core.api.Assertions.assertThat;

import clay.fs.extract.Chunk;
import clay.fs.index.ChunkHit;
import clay.fs.index.Embedder;
import clay.fs.index.Rm3;
import clay.fs.index.SearchIndex;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HybridSearchTest {
    @TempDir Path dir;

    private static void put(SearchIndex index, Embedder e, String id, String text) {
        index.replace(id, List.of(new Chunk(0, text)), e.embedDocuments(List.of(text)));
    }

    @Test
    void rm3FindsADocumentThatSharesNoWordWithTheQueryButTheVocabularyOfItsBestMatches() {
        Embedder e = Embedder.miniLm();
        try (SearchIndex index = SearchIndex.open(dir, e.dimensions())) {
            put(index, e, "a", "turbine blade cooling with film cooling holes in the turbine");
            put(index, e, "b", "film cooling of turbine blades, heat transfer measured on the blade");
            put(index, e, "c", "heat transfer coefficients of blades measured with thermocouples");
            put(index, e, "d", "a recipe for apple pie with cinnamon");
            put(index, e, "e", "apple orchards in spring");
            index.commit();
            HybridSearch plain = HybridSearch.defaults().withExpansion(Optional.empty());
            HybridSearch rm3 = plain.withExpansion(Optional.of(new Rm3(2, 10, 0.5)));
            List<String> before = plain.text(index, "turbine film cooling", Optional.empty()).stream().map(HybridRanker.Scored::id).toList();
            List<String> after = rm3.text(index, "turbine film cooling", Optional.empty()).stream().map(HybridRanker.Scored::id).toList();
            assertThat(before).containsExactly("a", "b");
            assertThat(after).startsWith("a", "b").contains("c").doesNotContain("d", "e");
        }
    }

    @Test
    void hybridBeatsBm25OnParaphrasedQueries() {
        Embedder e = Embedder.miniLm();
        String[][] docs = {
            {"car", "how to change a flat tyre on your car at the roadside"},
            {"dog", "training a puppy to sit and stay with treats"},
            {"tax", "filing your income tax return before the deadline"},
            {"cook", "boiling pasta: salt the water and stir often"},
            {"sleep", "tips for falling asleep faster at night"},
            {"plant", "watering houseplants: not too much, not too little"},
        };
        String[][] queries = {
            {"car", "my automobile has a punctured wheel, what do I do"},
            {"dog", "teach a young dog obedience"},
            {"tax", "when must I send the revenue service my yearly earnings statement"},
            {"cook", "how to prepare spaghetti"},
            {"sleep", "I cannot get to sleep in the evening"},
            {"plant", "how often should indoor greenery get water"},
        };
        try (SearchIndex index = SearchIndex.open(dir, e.dimensions())) {
            for (String[] d : docs) put(index, e, d[0], d[1]);
            index.commit();
            HybridSearch s = HybridSearch.defaults();
            int bm25Top = 0, hybridTop = 0;
            for (String[] q : queries) {
                List<HybridRanker.Scored> bm = s.text(index, q[1], Optional.empty());
                if (!bm.isEmpty() && bm.getFirst().id().equals(q[0])) bm25Top++;
                if (s.search(index, e, q[1], Optional.empty()).getFirst().id().equals(q[0])) hybridTop++;
            }
            assertThat(hybridTop).isGreaterThan(bm25Top).isGreaterThanOrEqualTo(5);
        }
    }

    @Test
    void aggregationMaxTakesTheBestChunkSumAddsThemUp() {
        List<ChunkHit> hits = List.of(new ChunkHit("long", 0, 2f, "x"), new ChunkHit("short", 0, 3f, "y"),
                new ChunkHit("long", 1, 2f, "z"));
        assertThat(HybridRanker.perFile(hits, Aggregation.MAX)).extracting(HybridRanker.Scored::id).containsExactly("short", "long");
        List<HybridRanker.Scored> sum = HybridRanker.perFile(hits, Aggregation.SUM);
        assertThat(sum).extracting(HybridRanker.Scored::id).containsExactly("long", "short");
        assertThat(sum.getFirst().score()).isEqualTo(4.0);
        assertThat(sum.getFirst().rank()).isEqualTo(1);
        assertThat(sum.get(1).rank()).isEqualTo(2);
    }
}
