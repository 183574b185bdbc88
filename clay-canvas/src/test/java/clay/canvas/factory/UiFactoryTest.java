package clay.canvas.factory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import clay.canvas.annotate.JsonAnnotationStore;
import clay.canvas.spec.InvalidSurfaceException;
import clay.canvas.spec.Specs;
import clay.canvas.spec.SurfaceValidator;
import clay.core.ClayException;
import clay.core.ClayHome;
import clay.core.Intent;
import clay.core.InvalidInputException;
import clay.intelligence.llama.LlamaCppProvider;
import clay.intelligence.llama.TinyGguf;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UiFactoryTest {
    @TempDir Path dir;
    UiFactory factory;

    static JsonNode json(String s) throws Exception {
        return Specs.json().readTree(s);
    }

    @BeforeEach
    void setUp() {
        factory = UiFactory.create(DocumentSource.files(), JsonAnnotationStore.open(new ClayHome(dir.resolve("home"))));
    }

    @Test
    void everyTemplateMakesAValidSurface() throws Exception {
        Path md = Files.writeString(dir.resolve("notes.md"), "# Notes\n\n- one\n"), code = Files.writeString(dir.resolve("A.java"), "class A {}"),
                txt = Files.writeString(dir.resolve("a.txt"), "plain"), txt2 = Files.writeString(dir.resolve("b.txt"), "plain text");
        List<SurfaceDraft> drafts = List.of(
                factory.build(Intent.of("show_file", Map.of("path", md.toString()), 1)),
                factory.build(Intent.of("show_file", Map.of("path", code.toString()), 1)),
                factory.build(Intent.of("show_file", Map.of("path", txt.toString()), 1)),
                factory.build(Intent.of("compare_documents", Map.of("paths", List.of(txt.toString(), txt2.toString())), 1)),
                factory.build("results_table", json("{\"rows\":[{\"a\":1,\"b\":\"x\"}]}"), "t"),
                factory.build("chart_data", json("{\"rows\":[{\"a\":1,\"b\":\"x\"}],\"mark\":\"line\"}"), "c"),
                factory.build("fill_form", json("{\"title\":\"Trip\",\"intent\":\"book_trip\",\"fields\":[{\"name\":\"to\"},{\"name\":\"when\",\"type\":\"date\"},{\"name\":\"class\",\"type\":\"choice\",\"options\":[\"economy\",\"business\"]}]}"), "f"),
                factory.build("show_weather", json("{\"location\":\"Oslo\",\"days\":[{\"date\":\"2026-11-27\",\"summary\":\"Snow\",\"high\":-1,\"low\":-5}]}"), "w"),
                factory.build("show_calendar", json("{\"events\":[{\"date\":\"2026-11-27\",\"time\":\"09:00\",\"title\":\"Standup\"}]}"), "c"),
                factory.build("show_text", json("{\"text\":\"hello\"}"), "t"));
        for (SurfaceDraft d : drafts) assertThat(SurfaceValidator.shared().problems(d.spec())).as(d.spec().toString()).isEmpty();
        assertThat(drafts.get(0).spec().toString()).contains("\"type\":\"markdown\"");
        assertThat(drafts.get(1).spec().toString()).contains("\"language\":\"java\"");
        assertThat(drafts.get(3).spec().toString()).contains("\"scrollGroup\":\"compare\"").contains("\"op\":\"added\",\"text\":\" text\"");
    }

    @Test
    void transformKeepsTheDataAndChangesThePresentation() throws Exception {
        SurfaceDraft table = factory.build("results_table", json("{\"title\":\"Sales\",\"rows\":[{\"m\":\"Jan\",\"n\":3},{\"m\":\"Feb\",\"n\":5}]}"), "t");
        SurfaceDraft chart = factory.transform(table, "chart");
        assertThat(chart.spec().at("/components/0/vegaLite/encoding/x/field").asText()).isEqualTo("m");
        assertThat(chart.spec().at("/components/0/vegaLite/encoding/y/field").asText()).isEqualTo("n");
        assertThat(factory.transform(chart, "list").spec().at("/components/0/items/1").asText()).isEqualTo("M: Feb · N: 5");
        assertThat(factory.transform(chart, "table").spec().at("/components/0/rows")).hasSize(2);
        assertThatThrownBy(() -> factory.transform(table, "hologram")).isInstanceOf(InvalidInputException.class).hasMessageContaining("unknown presentation");
        SurfaceDraft text = factory.build("show_text", json("{\"text\":\"hello\"}"), "t");
        assertThatThrownBy(() -> factory.transform(text, "chart")).isInstanceOf(InvalidInputException.class).hasMessageContaining("no tabular data");
    }

    @Test
    void mergeMakesADayPlanFromWeatherAndCalendarAndSideBySideOtherwise() throws Exception {
        SurfaceDraft weather = factory.build("show_weather", json("{\"location\":\"Oslo\",\"days\":[{\"date\":\"2026-11-27\",\"summary\":\"Snow\",\"high\":-1,\"low\":-5}]}"), "w");
        SurfaceDraft cal = factory.build("show_calendar", json("{\"events\":[{\"date\":\"2026-11-27\",\"time\":\"09:00\",\"title\":\"Ski\"},{\"date\":\"2026-11-29\",\"time\":\"10:00\",\"title\":\"Fly\"}]}"), "c");
        SurfaceDraft plan = factory.merge(cal, weather);
        assertThat(plan.spec().path("title").asText()).isEqualTo("Day plan · Oslo");
        assertThat(plan.spec().at("/components/0/rows/0/forecast").asText()).isEqualTo("Snow, -5–-1°");
        assertThat(plan.spec().at("/components/0/rows/1/forecast").asText()).isEqualTo("no forecast");
        SurfaceDraft text = factory.build("show_text", json("{\"title\":\"Note\",\"text\":\"hello\"}"), "t");
        SurfaceDraft both = factory.merge(text, weather);
        assertThat(both.spec().path("title").asText()).isEqualTo("Note + Weather · Oslo");
        assertThat(both.spec().at("/components/0/children").toString()).isEqualTo("[\"a_body\",\"b_days\"]");
        SurfaceDraft t1 = factory.build("results_table", json("{\"title\":\"A\",\"rows\":[{\"k\":1}]}"), "t"), t2 = factory.build("results_table", json("{\"title\":\"B\",\"rows\":[{\"k\":2}]}"), "t");
        assertThat(factory.merge(t1, t2).spec().at("/components/0/rows")).hasSize(2);
    }

    @Test
    void badParametersGetAFix() throws Exception {
        assertThatThrownBy(() -> factory.build("compare_documents", json("{\"paths\":[\"only-one\"]}"), "c")).isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((ClayException) e).fix()).isPresent());
        assertThatThrownBy(() -> factory.build("show_file", json("{\"path\":\"" + dir.resolve("missing.txt") + "\"}"), "c")).hasMessageContaining("no such file");
        assertThatThrownBy(() -> factory.build("results_table", json("{\"rows\":[]}"), "c")).hasMessageContaining("rows");
        assertThatThrownBy(() -> factory.build("plan_my_trip", json("{}"), "plan my trip")).isInstanceOf(ClayException.class).hasMessageContaining("no model is configured");
    }

    @Test
    void repairKeepsWhatIsValidAndDropsTheRest() throws Exception {
        JsonNode loose = json("""
                {"title":"Trip","components":[
                  {"id":"top","type":"stack","children":["h","h","ghost","t"],"onclick":"x"},
                  {"id":"h","type":"heading","text":"Plan","level":2},
                  {"id":"h","type":"text","text":"duplicate id"},
                  {"id":"s","type":"script","text":"alert(1)"},
                  {"id":"t","type":"table","columns":["day","place"],"rows":[["Mon","Rome"],["Tue"]]},
                  {"id":"9bad","type":"text"}]}""");
        var spec = SpecRepair.repair(loose);
        assertThat(SurfaceValidator.shared().problems(spec)).isEmpty();
        assertThat(spec.toString()).doesNotContain("script").doesNotContain("onclick").doesNotContain("ghost").contains("\"trust\":\"ai-generated\"");
        JsonNode top = null;
        for (JsonNode c : spec.path("components")) if (c.path("id").asText().equals("top")) top = c;
        assertThat(top.path("children").toString()).isEqualTo("[\"h\",\"t\"]");
        assertThat(spec.at("/components/0/children").toString()).isEqualTo("[\"top\",\"hx\"]");
        assertThat(ModelSpecGenerator.check("not json")).singleElement().asString().contains("not JSON");
        assertThat(ModelSpecGenerator.check("{\"title\":\"x\",\"components\":[{\"id\":\"a\",\"type\":\"blink\"}]}")).containsExactly("no usable component in the answer");
        assertThat(ModelSpecGenerator.check("{\"title\":\"x\",\"components\":[{\"id\":\"a\",\"type\":\"text\",\"text\":\"hi\"}]}")).isEmpty();
    }

    @Test
    void aRealModelDesignsAValidSurfaceOrIsRefusedNeverHalfBroken() throws Exception {
        Path gguf = TinyGguf.write(dir.resolve("tiny.gguf"), new TinyGguf.Spec(64, 4, 4, 2, 128, 4096, 0, false, 7));
        try (LlamaCppProvider llama = LlamaCppProvider.load("tiny", gguf, LlamaCppProvider.Options.defaults().withContextSize(4096).withThreads(1))) {
            UiFactory withModel = factory.withModel(llama);
            for (String request : List.of("plan a trip to Rome", "show my habits")) {
                try {
                    SurfaceDraft d = withModel.build(request.replace(' ', '_').replaceAll("[^a-z_]", ""), json("{}"), request);
                    assertThat(SurfaceValidator.shared().problems(d.spec())).isEmpty();
                    assertThat(d.spec().path("trust").asText()).isEqualTo("ai-generated");
                } catch (InvalidSurfaceException refused) {
                    assertThat(refused.problems().getFirst()).contains("could not design a valid surface");
                }
            }
        }
    }
}
