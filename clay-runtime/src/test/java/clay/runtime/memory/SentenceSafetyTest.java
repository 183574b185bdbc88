package clay.runtime.memory;

import static org.assertj.core.api.Assertions.assertThat;

import clay.runtime.RuntimeFixture;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sentence never destroys data: written as a user who only asks, or who says "forget" and then changes their mind.
 * A real runtime with no model, a real intent parser and a real encrypted memory.
 */
class SentenceSafetyTest {
    static final ObjectMapper JSON = new ObjectMapper();

    /** Questions and harmless sentences, including every one that once deleted or stored something. */
    static final List<String> HARMLESS = List.of(
            "what do you remember about me", "clear", "tell me a long story about a dragon number 7",
            "what do you know about me", "do you know my locker code", "what did I tell you about my dentist",
            "what did i tell you about tom", "do you remember my wife's birthday", "what did we discuss yesterday",
            "what did i say about the budget", "is my locker code saved?", "have you deleted anything",
            "what would you forget if I asked you to", "can I delete draft.txt later?", "do you keep notes about me",
            "where did i park", "when is my wife's birthday", "what time is it", "what's the time", "time flies",
            "sometimes I forget things", "I remember the summer of 1999", "me", "meet me at the usual time",
            "what day is it", "help", "what can you do", "system status", "how is the system doing", "hello",
            "thanks", "good morning", "tell me a joke", "why is the sky blue", "who wrote war and peace",
            "clear skies today", "nuclear clearance", "I'm forgetful", "remembering is hard", "what is memory",
            "the meeting is at a good time", "clear the air", "remember?", "forget it", "what have you stored about me",
            "do you still remember what i said about the gym time");

    @TempDir Path dir;
    RuntimeFixture rt;

    @BeforeEach
    void start() throws Exception {
        rt = RuntimeFixture.start(dir);
        rt.runtime.awaitModules();
        for (String f : List.of("my dentist is Dr. Ames", "my locker code is 4312", "my gym time is 7 in the morning",
                "tom likes jazz")) {
            json(rt.post("/api/memory/remember", JSON.writeValueAsString(Map.of("text", f))));
        }
    }

    @AfterEach
    void stop() {
        rt.close();
    }

    @Test
    void questionsAndHarmlessSentencesLeaveMemoryByteIdentical() throws Exception {
        assertThat(HARMLESS).hasSizeGreaterThanOrEqualTo(40);
        Map<String, String> before = hashes(rt.home.context());

        for (String s : HARMLESS) {
            JsonNode reply = ask(s);
            assertThat(reply.path("text").asText()).as("a visible reply to '%s'", s).isNotBlank();
            assertThat(reply.path("data").path("acted").asBoolean(false)).as("'%s' acted", s).isFalse();
        }

        assertThat(hashes(rt.home.context())).as("every file of the memory directory").isEqualTo(before);
        assertThat(facts()).hasSize(4);
    }

    @Test
    void whatDoYouRememberAboutMeIsAnsweredFromMemory() throws Exception {
        JsonNode reply = ask("what do you remember about me");
        assertThat(reply.path("data").path("decision").path("intent").asText()).isEqualTo("recall");
        assertThat(reply.path("text").asText()).isNotBlank();
    }

    @Test
    void anUnsureReadingThatWouldStoreSomethingAsksDidYouMean() throws Exception {
        JsonNode reply = ask("tell me a long story about a dragon number 7");
        assertThat(facts()).hasSize(4).noneMatch(f -> f.contains("dragon"));
        if (reply.path("data").path("decision").path("intent").asText().equals("remember")) {
            assertThat(reply.path("text").asText()).startsWith("Did you mean");
        }
    }

    @Test
    void forgetShowsWhatWouldGoAndActsOnlyAfterYes() throws Exception {
        JsonNode preview = ask("forget my locker code");
        JsonNode confirm = preview.path("data").path("confirm");
        assertThat(confirm.path("count").asInt()).isEqualTo(1);
        assertThat(confirm.path("items").get(0).asText()).contains("locker code is 4312");
        assertThat(preview.path("text").asText()).contains("This would remove 1", "locker code is 4312", "until you say yes");
        assertThat(facts()).hasSize(4);

        JsonNode no = json(rt.post("/api/actions/" + confirm.path("id").asText(), "{\"answer\":\"no\"}"));
        assertThat(no.path("text").asText()).contains("Nothing was removed");
        assertThat(facts()).hasSize(4);
        assertThat(rt.post("/api/actions/" + confirm.path("id").asText(), "{\"answer\":\"yes\"}").statusCode())
                .as("an answered confirmation cannot be replayed").isEqualTo(400);

        String id = ask("forget my locker code").path("data").path("confirm").path("id").asText();
        JsonNode yes = json(rt.post("/api/actions/" + id, "{\"answer\":\"yes\"}"));
        assertThat(yes.path("text").asText()).startsWith("Forgotten: 1");
        assertThat(facts()).hasSize(3).noneMatch(f -> f.contains("4312"))
                .as("'me' or 'code' inside other words matched nothing").anyMatch(f -> f.contains("gym time"));
    }

    @Test
    void forgetEverythingFromASentenceNeedsTheYesToo() throws Exception {
        JsonNode preview = ask("forget everything");
        assertThat(preview.path("data").path("confirm").path("count").asInt()).isEqualTo(4);
        assertThat(facts()).hasSize(4);
        assertThat(json(rt.get("/api/actions")).path("pending")).hasSize(1);
        json(rt.post("/api/actions/" + preview.path("data").path("confirm").path("id").asText(), "{\"answer\":\"yes\"}"));
        assertThat(facts()).isEmpty();
        assertThat(json(rt.get("/api/actions")).path("pending")).isEmpty();
    }

    @Test
    void aButtonThatForgetsIsPreviewedAndOnlyTheConfirmationButtonActs() throws Exception {
        var assistant = rt.runtime.assistant();
        var preview = assistant.perform("forget", Map.of("topic", "dentist"), t -> {});
        assertThat(preview.data()).containsKey("confirm");
        assertThat(facts()).hasSize(4);
        @SuppressWarnings("unchecked")
        String id = (String) ((Map<String, Object>) preview.data().get("confirm")).get("id");
        var done = assistant.perform("confirm_action", Map.of("id", id, "answer", "yes"), t -> {});
        assertThat(done.text()).startsWith("Forgotten: 1");
        assertThat(facts()).hasSize(3).noneMatch(f -> f.contains("Ames"));
    }

    private JsonNode ask(String text) throws Exception {
        return json(rt.post("/api/ask", JSON.writeValueAsString(Map.of("text", text))));
    }

    private List<String> facts() throws Exception {
        return json(rt.get("/api/memory/facts")).path("facts").findValuesAsText("text");
    }

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isBetween(200, 299);
        return JSON.readTree(r.body());
    }

    /**
     * SHA-256 of every file under {@code dir}, by relative path. SQLite's {@code -shm} file is listed but not hashed:
     * it is the WAL's shared-memory index, where every reader takes a read mark, so a pure read changes it; it holds
     * page numbers and locks, no data, and is rebuilt from the WAL when lost.
     */
    static Map<String, String> hashes(Path dir) throws Exception {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                if (f.getFileName().toString().endsWith("-shm")) {
                    out.put(dir.relativize(f).toString(), "wal-index");
                    continue;
                }
                out.put(dir.relativize(f).toString(), HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f))));
            }
        }
        return out;
    }
}
