package clay.runtime.fs;

import static org.assertj.core.api.Assertions.assertThat;

import clay.runtime.RuntimeFixture;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FsApiTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path dir;

    @Test
    void writesFindsVersionsRelatesKeepsAndRefusesOutsidePaths() throws Exception {
        try (RuntimeFixture rt = RuntimeFixture.start(dir)) {
            assertThat(rt.post("/api/fs/write", "{\"path\":\"bills/gas.txt\",\"content\":\"Gas bill. Bill number GAS-7781. Amount due $60.00.\"}")
                    .statusCode()).isEqualTo(200);
            rt.post("/api/fs/write", "{\"path\":\"bills/gas.txt\",\"content\":\"Gas bill. Bill number GAS-7781. Amount due $65.00.\"}");
            rt.post("/api/fs/write", "{\"path\":\"notes/paid.md\",\"content\":\"Paid GAS-7781 today.\"}");
            for (int i = 0; i < 600 && json(rt.get("/api/fs/status").body()).path("pending").asInt() > 0; i++) Thread.sleep(100);

            JsonNode found = json(rt.post("/api/fs/find", "{\"query\":\"gas bill I was working on today\"}").body());
            assertThat(found.path("hits").get(0).path("file").path("path").asText()).isEqualTo("persistent/bills/gas.txt");
            assertThat(found.path("reading").path("type").asText()).isEqualTo("bill");
            assertThat(found.path("explanation").asText()).contains("BM25");

            JsonNode asked = json(rt.post("/api/ask", "{\"text\":\"find that gas bill I was working on today\"}").body());
            assertThat(asked.path("text").asText()).as(asked.toString()).contains("persistent/bills/gas.txt");

            JsonNode log = json(rt.get("/api/fs/log?path=" + enc("bills/gas.txt")).body());
            assertThat(log.size()).isBetween(1, 2);
            JsonNode related = json(rt.get("/api/fs/related?path=" + enc("notes/paid.md")).body());
            assertThat(related.toString()).contains("GAS-7781", "persistent/bills/gas.txt");
            assertThat(json(rt.get("/api/fs/graph?format=dot").body()).path("dot").asText()).startsWith("digraph");

            rt.post("/api/fs/ephemeral", "{\"name\":\"summary.txt\",\"content\":\"generated summary\",\"from\":\"bills/gas.txt\"}");
            JsonNode kept = json(rt.post("/api/fs/keep", "{\"path\":\"ephemeral/summary.txt\",\"as\":\"summaries/gas.txt\"}").body());
            assertThat(kept.path("path").asText()).isEqualTo("persistent/summaries/gas.txt");

            var refused = rt.post("/api/fs/write", "{\"path\":\"../../../etc/evil\",\"content\":\"x\"}");
            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(json(refused.body()).path("error").path("message").asText()).contains("outside ClayFS");
            assertThat(json(refused.body()).path("error").path("fix").asText()).isNotBlank();
        }
    }

    static JsonNode json(String s) throws Exception {
        return JSON.readTree(s);
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
