package clay.canvas.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SurfaceValidatorTest {
    final SurfaceValidator v = SurfaceValidator.shared();

    static JsonNode json(String s) throws Exception {
        return Specs.json().readTree(s);
    }

    @Test
    void publishedSchemaInDocsIsTheOneTheValidatorUses() throws Exception {
        Path docs = Path.of(System.getProperty("user.dir")).resolveSibling("docs").resolve("surface-schema.json");
        assertThat(Files.readString(docs)).isEqualTo(v.schemaText());
        assertThat(v.componentTypes()).contains("stack", "row", "columns", "grid", "tabs", "split", "heading", "text", "markdown", "list",
                "keyvalue", "table", "code", "image", "diff", "chart", "textinput", "choice", "date", "form", "button");
    }

    @Test
    void acceptsAFlatListOfComponentsWithChildren() throws Exception {
        assertThat(v.problems(json("""
                {"version":1,"kind":"components","title":"Hi","components":[
                 {"id":"root","type":"tabs","labels":["A","B"],"children":["a","b"]},
                 {"id":"a","type":"heading","text":"Hello","level":2},
                 {"id":"b","type":"form","children":["d"],"submit":{"label":"Go","action":{"intent":"book_trip","parameters":{"x":1}}}},
                 {"id":"d","type":"date","name":"when","label":"When","value":"2026-11-27"}]}"""))).isEmpty();
    }

    @Test
    void rejectsUnknownComponentsAndPropertiesWithClearMessages() throws Exception {
        assertThat(v.problems(json("""
                {"version":1,"kind":"components","title":"x","components":[{"id":"a","type":"script","src":"x.js"}]}""")))
                .singleElement().asString().contains("components[0] (id 'a') has unknown type 'script'").contains("known types:");
        assertThat(v.problems(json("""
                {"version":1,"kind":"components","title":"x","components":[{"id":"a","type":"text","text":"hi","onclick":"alert(1)"}]}""")))
                .anySatisfy(p -> assertThat(p).contains("/components/0").contains("onclick"));
        assertThat(v.problems(json("""
                {"version":1,"kind":"components","title":"x","style":"evil","components":[{"id":"a","type":"text","text":"hi"}]}""")))
                .anySatisfy(p -> assertThat(p).contains("style"));
    }

    @Test
    void rejectsBrokenStructure() throws Exception {
        assertThat(v.problems(json("""
                {"version":1,"kind":"components","title":"x","components":[
                 {"id":"a","type":"stack","children":["b","ghost"]},{"id":"b","type":"text","text":"1"},{"id":"b","type":"text","text":"2"}]}""")))
                .contains("component id 'b' is used twice", "component 'a' names child 'ghost', which does not exist");
        assertThat(v.problems(json("""
                {"version":1,"kind":"components","title":"x","components":[{"id":"a","type":"stack","children":["b"]},{"id":"b","type":"text","text":"1"},{"id":"c","type":"text","text":"2"}]}""")))
                .containsExactly("component 'c' is not reachable from root 'a'");
        assertThat(v.problems(json("""
                {"version":1,"kind":"components","title":"x","components":[{"id":"a","type":"tabs","labels":["one"],"children":["b","c"]},{"id":"b","type":"text","text":"1"},{"id":"c","type":"text","text":"2"}]}""")))
                .containsExactly("tabs 'a' has 2 children but 1 labels");
    }

    @Test
    void htmlSurfacesCarryOnlyMarkupAndWrongVersionsAreRefused() throws Exception {
        assertThat(v.problems(Specs.html("Page", "<p>hi</p>"))).isEmpty();
        assertThat(v.problems(json("""
                {"version":1,"kind":"html","title":"x","html":"<p>","components":[{"id":"a","type":"text","text":"1"}]}"""))).isNotEmpty();
        assertThat(v.problems(json("""
                {"version":2,"kind":"components","title":"x","components":[{"id":"a","type":"text","text":"1"}]}"""))).anySatisfy(p -> assertThat(p).contains("version"));
        assertThat(v.problems(json("[1,2]"))).containsExactly("a surface spec must be a JSON object");
        assertThatThrownBy(() -> v.validate(json("{}"))).isInstanceOf(InvalidSurfaceException.class).hasMessageContaining("invalid surface spec");
    }

    @Test
    void imagesLoadOnlyInlineDataOrCanvasUrls() throws Exception {
        String ok = "data:image/png;base64,iVBORw0KGgo=";
        for (String src : new String[] {"https://evil.example/x.png", "javascript:alert(1)", "data:text/html;base64,PHNjcmlwdD4=", "//evil/x.png"}) {
            assertThat(v.problems(Specs.surface("i").add(Specs.component("i", "image").put("src", src).put("alt", "a")).build())).as(src).isNotEmpty();
        }
        assertThat(v.problems(Specs.surface("i").add(Specs.component("i", "image").put("src", ok).put("alt", "a")).build())).isEmpty();
    }

    @Test
    void errorSurfacesAreAlwaysValid() {
        assertThat(v.problems(Specs.error("x".repeat(500), java.util.List.of("y".repeat(20_000))))).isEmpty();
        assertThat(v.problems(Specs.error("", java.util.List.of()))).isEmpty();
    }
}
