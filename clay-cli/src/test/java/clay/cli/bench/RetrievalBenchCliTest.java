package clay.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import clay.cli.CliProcess;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetrievalBenchCliTest {
    @TempDir Path dir;

    @Test
    void benchRetrievalReadsAClassicCollectionAndSaysMetOrNotMetPerTarget() throws Exception {
        Path cisi = Files.createDirectories(dir.resolve("cisi"));
        String[] docs = {"the history of the Dewey decimal classification", "library networks share catalogue records",
            "indexing languages and thesaurus construction", "citation analysis of scientific journals",
            "automatic text retrieval with term weighting", "reading habits of school children"};
        StringBuilder all = new StringBuilder();
        for (int i = 0; i < docs.length; i++) all.append(".I ").append(i + 1).append("\n.T\nDocument ").append(i + 1).append("\n.W\n").append(docs[i]).append('\n');
        Files.writeString(cisi.resolve("CISI.ALL"), all.toString());
        Files.writeString(cisi.resolve("CISI.QRY"), ".I 1\n.W\nhow are books classified in libraries?\n.I 2\n.W\nweighting terms for retrieval\n");
        Files.writeString(cisi.resolve("CISI.REL"), "1 1 0 0.0\n2 5 0 0.0\n");
        CliProcess clay = new CliProcess(dir.resolve("home"), dir.resolve("config.toml"));
        CliProcess.Result r = clay.run(null, "bench", "retrieval", "--collection", cisi.toString(), "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(r.out().substring(r.out().indexOf('{')));
        assertThat(json.path("collection").asText()).isEqualTo("cisi");
        assertThat(json.path("queries").asInt()).isEqualTo(2);
        assertThat(json.path("hybrid").path("ndcg@10").asDouble()).isPositive();
        assertThat(json.has("ratio_met") && json.has("p50_met") && json.has("indexing_met")).isTrue();

        CliProcess.Result unknown = clay.run(null, "bench", "retrieval", "--collection", dir.resolve("home").toString());
        assertThat(unknown.exit()).isNotZero();
        assertThat(unknown.err()).contains("cannot tell the collection format").doesNotContain("at clay.");
    }
}
