package clay.intelligence.intent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import clay.core.Intent;
import clay.core.InvalidIntentException;
import clay.core.Source;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IntentSchemaTest {
    final IntentSchema schema = IntentSchema.shared();

    @Test
    void aValidIntentRoundTrips() {
        Intent i = schema.parse("""
                {"intent":"create_document","parameters":{"type":"presentation","topic":"Q3"},
                 "context":{"text":"make slides"},"confidence":0.92,"source":"voice"}""");
        assertThat(i.name()).isEqualTo("create_document");
        assertThat(i.source()).isEqualTo(Source.VOICE);
        assertThat(i.parameters()).containsEntry("topic", "Q3");
        assertThat(schema.parse(schema.toJson(i).toString())).isEqualTo(i);
    }

    @Test
    void malformedIntentsFromAnySourceGetClearMessages() {
        assertThatThrownBy(() -> schema.parse("{\"intent\":\"Get Time\",\"parameters\":{},\"confidence\":0.5,\"source\":\"text\"}"))
                .isInstanceOf(InvalidIntentException.class).hasMessageContaining("/intent");
        assertThatThrownBy(() -> schema.parse("{\"intent\":\"get_time\",\"parameters\":{},\"confidence\":1.5,\"source\":\"text\"}"))
                .isInstanceOf(InvalidIntentException.class).hasMessageContaining("/confidence");
        assertThatThrownBy(() -> schema.parse("{\"intent\":\"get_time\",\"parameters\":{},\"confidence\":0.5,\"source\":\"telepathy\"}"))
                .isInstanceOf(InvalidIntentException.class).hasMessageContaining("/source");
        assertThatThrownBy(() -> schema.parse("{\"intent\":\"get_time\",\"confidence\":0.5,\"source\":\"gesture\"}"))
                .isInstanceOf(InvalidIntentException.class).hasMessageContaining("parameters");
        assertThatThrownBy(() -> schema.parse("{\"intent\":\"get_time\",\"parameters\":[],\"confidence\":0.5,\"source\":\"text\",\"extra\":1}"))
                .isInstanceOf(InvalidIntentException.class)
                .satisfies(e -> assertThat(((InvalidIntentException) e).problems()).hasSizeGreaterThanOrEqualTo(2));
        assertThatThrownBy(() -> schema.parse("{\"intent\": \"get_time\", "))
                .isInstanceOf(InvalidIntentException.class).hasMessageContaining("not JSON");
        assertThatThrownBy(() -> schema.parse("[1,2]")).hasMessageContaining("expected a JSON object");
        assertThatThrownBy(() -> schema.parse("  ")).hasMessageContaining("empty input");
    }

    @Test
    void thePublishedDocMatchesTheResource() throws Exception {
        Path doc = Path.of("../docs/intent-schema.json");
        if (Files.exists(doc)) assertThat(IntentSchema.JSON.readTree(doc.toFile())).isEqualTo(schema.schemaJson());
        assertThat(schema.problems(schema.schemaJson().get("examples").get(0))).isEmpty();
    }

    @Test
    void theCatalogChecksNamesAndParameters(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        IntentCatalog catalog = IntentCatalog.builtin();
        assertThat(catalog.names()).contains("get_time", "get_date", "find_files", "open_document", "compare_documents",
                "create_document", "summarize", "run_code", "debug_code", "generate_program", "remember", "recall",
                "forget", "system_status", "settings", "help", "show_data");
        assertThat(catalog.all()).allSatisfy(d -> assertThat(d.examples()).hasSizeGreaterThanOrEqualTo(8));
        assertThatThrownBy(() -> catalog.validate(Intent.of("fly_to_mars", Map.of(), 0.9)))
                .isInstanceOf(InvalidIntentException.class).hasMessageContaining("unknown intent 'fly_to_mars'");
        assertThatThrownBy(() -> catalog.validate(Intent.of("find_files", Map.of("file_names", "not-a-list"), 0.9)))
                .isInstanceOf(InvalidIntentException.class).hasMessageContaining("parameters of find_files");
        assertThat(catalog.validate(Intent.of("find_files", Map.of("file_names", List.of("a.pdf")), 0.9)).name()).isEqualTo("find_files");

        long before = catalog.version();
        Path user = dir.resolve("intents.json");
        Files.writeString(user, """
                {"intents":[{"name":"water_plants","description":"Remind the user to water plants.","kind":"offline","safety":"creates",
                  "examples":["did i water the plants","plant watering schedule"]}]}""");
        catalog.loadFile(user);
        assertThat(catalog.find("water_plants")).get().extracting(IntentDefinition::origin).isEqualTo("user");
        assertThat(catalog.version()).isGreaterThan(before);
        assertThat(catalog.find("water_plants")).get().extracting(IntentDefinition::safety).isEqualTo(SafetyClass.CREATES);
        Files.writeString(user, "{\"intents\":[{\"name\":\"wipe_disk\",\"description\":\"Wipe a disk.\",\"kind\":\"offline\"}]}");
        assertThatThrownBy(() -> catalog.loadFile(user)).hasMessageContaining("declares no safety class");
        Files.writeString(user, "{\"intents\":[{\"name\":\"wipe_disk\",\"description\":\"Wipe a disk.\",\"safety\":\"harmless\"}]}");
        assertThatThrownBy(() -> catalog.loadFile(user)).hasMessageContaining("unknown safety class 'harmless'");
        assertThat(catalog.find("wipe_disk")).isEmpty();
        Files.writeString(user, "{\"intents\":[{\"name\":\"Bad Name\",\"description\":\"x\",\"safety\":\"read-only\"}]}");
        assertThatThrownBy(() -> catalog.loadFile(user)).hasMessageContaining("snake_case");
        Files.writeString(user, "{not json");
        assertThatThrownBy(() -> catalog.loadFile(user)).hasMessageContaining("cannot read intents file");
    }
}
