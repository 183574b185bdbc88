package clay.runtime.memory;

import static org.assertj.core.api.Assertions.assertThat;

import clay.intelligence.testing.WireReplies;
import clay.intelligence.testing.WireServer;
import clay.runtime.RuntimeFixture;
import clay.runtime.WireCloudModel;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * After "forget", nothing of it is left anywhere under {@code $CLAY_HOME} (in any common encoding), and it never
 * reaches the cloud again: written as the review that found the conversation re-sent after a forget, with the
 * wire-exact fake cloud capturing every request.
 */
class ForgetIsCompleteTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String CODE = "ZQX-98231";
    static final List<String> SECRETS = List.of(CODE, "Brandstetter", "Ottilie");

    @TempDir Path dir;
    WireServer cloud;
    RuntimeFixture rt;

    @BeforeEach
    void start() throws Exception {
        cloud = WireServer.start();
        rt = RuntimeFixture.start(dir, "", s -> s.module(new WireCloudModel(cloud.url("/v1"))));
        rt.runtime.awaitModules();
    }

    @AfterEach
    void stop() {
        rt.close();
        cloud.close();
    }

    @Test
    void aForgottenTopicLeavesNoTraceOnDiskAndNeverReachesTheCloudAgain() throws Exception {
        cloud.enqueue(WireReplies.OpenAi.PATH, WireReplies.OpenAi.stream("Because ZQX-98231 is her locker; Ottilie Brandstetter knows it."));
        ask("{\"text\":\"explain in one line why Ottilie Brandstetter should review locker code ZQX-98231 before friday\",\"model\":\"gpt\"}");
        json(rt.post("/api/memory/remember", "{\"text\":\"my locker code is ZQX-98231\"}"));
        assertThat(scan()).as("the test must first put the secret on disk (encrypted stores hide it; the cache does not)").isNotEmpty();

        JsonNode preview = ask("{\"text\":\"forget my locker code\"}");
        assertThat(preview.path("data").path("decision").path("intent").asText()).isEqualTo("forget");
        JsonNode confirm = preview.path("data").path("confirm");
        assertThat(confirm.path("count").asInt()).as(preview.toString()).isGreaterThanOrEqualTo(4); // episode, fact, two turns
        json(rt.post("/api/actions/" + confirm.path("id").asText(), "{\"answer\":\"yes\"}"));

        assertThat(scan()).as("files under $CLAY_HOME holding the forgotten text").isEmpty();
        try (Stream<Path> cache = Files.list(rt.home.cache().resolve("proxy"))) {
            assertThat(cache.toList()).as("the response cache").isEmpty();
        }

        int before = cloud.requests().size();
        // the unsure intent parse may ask the default (cloud) model too: script a reply for it and for the answer
        cloud.enqueue(WireReplies.OpenAi.PATH, WireReplies.OpenAi.stream("Cold and dusty."), WireReplies.OpenAi.stream("Cold and dusty."));
        ask("{\"text\":\"what is the weather like on mars\",\"model\":\"gpt\"}");
        List<WireServer.Recorded> after = cloud.requests().subList(before, cloud.requests().size());
        assertThat(after).isNotEmpty();
        for (WireServer.Recorded r : after) {
            for (String s : SECRETS) assertThat(r.body().toLowerCase(Locale.ROOT)).as("a cloud request after forget").doesNotContain(s.toLowerCase(Locale.ROOT));
        }
    }

    @Test
    void forgetEverythingFromTheCliEndpointAlsoEmptiesTheConversationAndTheCache() throws Exception {
        cloud.enqueue(WireReplies.OpenAi.PATH, WireReplies.OpenAi.stream("Noted about ZQX-98231."));
        ask("{\"text\":\"my HIV test and locker code ZQX-98231, Ottilie Brandstetter\",\"model\":\"gpt\"}");
        assertThat(json(rt.post("/api/memory/forget", "{\"everything\":true}")).path("forgotten").asInt()).isGreaterThanOrEqualTo(3);
        assertThat(scan()).isEmpty();

        int before = cloud.requests().size();
        cloud.enqueue(WireReplies.OpenAi.PATH, WireReplies.OpenAi.stream("Hello."), WireReplies.OpenAi.stream("Hello."));
        ask("{\"text\":\"hello there\",\"model\":\"gpt\"}");
        for (WireServer.Recorded r : cloud.requests().subList(before, cloud.requests().size())) {
            assertThat(r.body()).doesNotContain(CODE, "Brandstetter", "HIV");
        }
    }

    private JsonNode ask(String body) throws Exception {
        return json(rt.post("/api/ask", body));
    }

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isBetween(200, 299);
        return JSON.readTree(r.body());
    }

    /** Files under the home whose raw bytes hold a secret: UTF-8 in any case, UTF-16, URL- or base64-encoded. */
    private List<String> scan() throws Exception {
        List<byte[]> needles = new ArrayList<>();
        for (String s : SECRETS) {
            for (String v : List.of(s, s.toLowerCase(Locale.ROOT), s.toUpperCase(Locale.ROOT), URLEncoder.encode(s, StandardCharsets.UTF_8))) {
                for (Charset cs : List.of(StandardCharsets.UTF_8, StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE)) needles.add(v.getBytes(cs));
            }
            for (int shift = 0; shift < 3; shift++) { // base64 of the text at each alignment, without the edge characters
                String b64 = Base64.getEncoder().encodeToString(("xx".substring(0, shift) + s).getBytes(StandardCharsets.UTF_8));
                String core = b64.substring(4, b64.length() - 4);
                if (core.length() >= 8) needles.add(core.getBytes(StandardCharsets.US_ASCII)); // shorter ones match by chance
            }
        }
        List<String> hits = new ArrayList<>();
        try (Stream<Path> files = Files.walk(rt.home.root())) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                byte[] bytes = Files.readAllBytes(f);
                for (byte[] n : needles) {
                    if (indexOf(bytes, n) >= 0) {
                        hits.add(rt.home.root().relativize(f) + ": " + new String(n, StandardCharsets.ISO_8859_1));
                        break;
                    }
                }
            }
        }
        return hits;
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) if (hay[i + j] != needle[j]) continue outer;
            return i;
        }
        return -1;
    }
}
