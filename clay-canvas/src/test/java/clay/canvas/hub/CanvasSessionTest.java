package clay.canvas.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import clay.canvas.annotate.JsonAnnotationStore;
import clay.canvas.factory.DocumentSource;
import clay.canvas.factory.UiFactory;
import clay.canvas.spec.Specs;
import clay.core.ClayHome;
import clay.core.InvalidInputException;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CanvasSessionTest {
    @TempDir Path dir;
    SurfaceHub hub;
    final List<JsonNode> sent = new CopyOnWriteArrayList<>();
    final CanvasConnection conn = new CanvasConnection() {
        public String id() { return "c1"; }
        public void send(String m) throws Exception { sent.add(Specs.json().readTree(m)); }
    };

    static JsonNode json(String s) throws Exception {
        return Specs.json().readTree(s);
    }

    @BeforeEach
    void setUp() {
        ClayHome home = new ClayHome(dir.resolve("home"));
        UiFactory f = UiFactory.create(DocumentSource.files(), JsonAnnotationStore.open(home));
        hub = SurfaceHub.create(f, JsonAnnotationStore.open(home), dir.resolve("exports"));
    }

    @Test
    void everyOperationIsBroadcastAndUndoable() throws Exception {
        hub.connect("main", conn);
        CanvasSession s = hub.session("main");
        String a = s.show(hub.factory().build("results_table", json("{\"rows\":[{\"m\":\"Jan\",\"n\":3}]}"), "t"));
        String b = s.show(hub.factory().build("show_text", json("{\"text\":\"hi\"}"), "t"));
        assertThat(s.surface(b).orElseThrow().presence()).isEqualTo(Presence.FOCUSED);
        assertThat(s.surface(a).orElseThrow().presence()).isEqualTo(Presence.ACTIVE);
        s.focus(a);
        s.recede(b);
        s.transform(a, "chart");
        assertThat(s.surface(a).orElseThrow().draft().spec().at("/components/0/type").asText()).isEqualTo("chart");
        s.dismiss(b);
        assertThat(sent).extracting(m -> m.path("op").asText()).containsExactly("connect", "show", "show", "focus", "recede", "transform", "dismiss");
        assertThat(sent.getLast().path("version").asLong()).isEqualTo(s.version());
        s.undo();
        assertThat(s.surface(b)).isPresent();
        s.undo();
        assertThat(s.surface(a).orElseThrow().draft().spec().at("/components/0/type").asText()).isEqualTo("table");
        while (s.undo()) { /* back to the start */ }
        assertThat(s.surfaces()).isEmpty();
        assertThat(sent.getLast().path("canUndo").asBoolean()).isFalse();
    }

    @Test
    void badMessagesAnswerWithAnErrorAndChangeNothing() throws Exception {
        hub.connect("main", conn);
        long v = hub.session("main").version();
        hub.receive("main", conn, "not json");
        hub.receive("main", conn, "{\"type\":\"op\",\"op\":\"explode\",\"id\":\"s1\"}");
        hub.receive("main", conn, "{\"type\":\"op\",\"op\":\"focus\",\"id\":\"nope\"}");
        hub.receive("main", conn, "{\"type\":\"op\",\"op\":\"morph\",\"id\":\"nope\",\"spec\":{}}");
        assertThat(sent.subList(1, sent.size())).allSatisfy(m -> assertThat(m.path("type").asText()).isEqualTo("error"));
        assertThat(sent.get(2).path("message").asText()).contains("unknown canvas operation 'explode'");
        assertThat(sent.get(3).path("fix").asText()).isNotEmpty();
        assertThat(hub.session("main").version()).isEqualTo(v);
        assertThatThrownBy(() -> hub.session("../etc")).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void notesFromTheCanvasAreStoredAndShown() throws Exception {
        Path f = Files.writeString(dir.resolve("bill.txt"), "Section 1. The fee is $10.");
        CanvasSession s = hub.session("main");
        String id = s.show(hub.factory().build("show_file", json("{\"path\":\"" + f + "\"}"), "open"));
        hub.connect("main", conn);
        hub.receive("main", conn, "{\"type\":\"annotate\",\"id\":\"" + id + "\",\"component\":\"body\",\"start\":15,\"end\":25,\"quote\":\"fee is $10\",\"note\":\"too high\"}");
        JsonNode notes = s.surface(id).orElseThrow().draft().spec().at("/components/0/annotations");
        assertThat(notes).hasSize(1);
        assertThat(notes.get(0).path("note").asText()).isEqualTo("too high");
        hub.receive("main", conn, "{\"type\":\"annotate\",\"id\":\"" + id + "\",\"component\":\"body\",\"start\":1,\"end\":2,\"quote\":\"e\",\"note\":\"   \"}");
        assertThat(sent.getLast().path("message").asText()).contains("needs a note");
        hub.receive("main", conn, "{\"type\":\"unannotate\",\"id\":\"" + id + "\",\"component\":\"body\",\"annotation\":\"" + notes.get(0).path("id").asText() + "\"}");
        assertThat(s.surface(id).orElseThrow().draft().spec().at("/components/0/annotations")).isEmpty();
    }

    @Test
    void htmlSurfacesReachTheCanvasOnlyAsAFrameKey() throws Exception {
        hub.connect("main", conn);
        String id = hub.session("main").show(Specs.html("Page", "<p>secret markup</p>"));
        JsonNode state = sent.getLast();
        assertThat(state.toString()).doesNotContain("secret markup");
        String frame = state.path("surfaces").get(0).path("frame").asText();
        assertThat(frame).startsWith("/api/canvas/frames/");
        assertThat(hub.frame(frame.substring("/api/canvas/frames/".length()))).hasValue("<p>secret markup</p>");
        assertThat(hub.frame("s1")).isEmpty();
        assertThat(id).isEqualTo("s1");
    }
}
