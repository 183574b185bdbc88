package clay.runtime.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import clay.runtime.WireCloudModel;
import clay.intelligence.testing.WireReplies;
import clay.intelligence.testing.WireServer;
import clay.runtime.RuntimeFixture;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A program on this machine uses Clay's OpenAI-compatible endpoint with a cloud model and hides personal data where
 * only messages used to be redacted: in the response schema, split across messages and content parts, in full-width
 * characters. None of it reaches the cloud.
 */
class OpenAiEndpointRedactionTest {
    @TempDir Path dir;
    WireServer wire;
    RuntimeFixture rt;

    @BeforeEach
    void start() throws Exception {
        wire = WireServer.start();
        rt = RuntimeFixture.start(dir, "", s -> s.module(new WireCloudModel(wire.url("/v1"))));
    }

    @AfterEach
    void stop() {
        rt.close();
        wire.close();
    }

    private String sent(String body) throws Exception {
        wire.enqueue(WireReplies.OpenAi.PATH, WireReplies.OpenAi.text("{\"ok\":true}"));
        HttpResponse<String> r = rt.post("/v1/chat/completions", body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return wire.lastRequest().body();
    }

    @Test
    void theResponseSchemaIsRedactedNameDescriptionsAndEnums() throws Exception {
        String body = sent("{\"model\":\"gpt\",\"messages\":[{\"role\":\"user\",\"content\":\"fill it in\"}],"
                + "\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"maria.garcia@example.net\","
                + "\"schema\":{\"type\":\"object\",\"description\":\"Customer maria.garcia@example.net, card 5555 5555 5555 4444\","
                + "\"properties\":{\"who\":{\"type\":\"string\",\"enum\":[\"Ingrid Johansson\",\"+46 8 123 456 78\"]}}}}}}");
        assertThat(body).contains("json_schema").contains("\"who\"")
                .doesNotContain("maria.garcia", "example.net", "5555 5555", "Ingrid", "Johansson", "123 456 78");
    }

    @Test
    void valuesSplitAcrossMessagesOrPartsOrWrittenFullWidthDoNotLeave() throws Exception {
        String body = sent("{\"model\":\"gpt\",\"messages\":[{\"role\":\"user\",\"content\":\"card 4111 1111\"},"
                + "{\"role\":\"user\",\"content\":\"1111 1111, mail tom.becker@\"},{\"role\":\"user\",\"content\":["
                + "{\"type\":\"text\",\"text\":\"example.org or ana.lima＠example.com, \"},"
                + "{\"type\":\"text\",\"text\":\"phone +49 30 ９８７６ ５４３２\"}]}]}");
        assertThat(body).doesNotContain("4111 1111", "1111 1111", "tom.becker", "example.org", "ana.lima", "９８７６");
    }
}
