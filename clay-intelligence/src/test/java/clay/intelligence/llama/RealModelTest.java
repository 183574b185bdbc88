package clay.intelligence.llama;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * With a real instruction-following GGUF ({@code CLAY_TEST_MODEL=/path/model.gguf}): its chat template is applied
 * and it follows a schema sensibly, not just validly. No model can be downloaded here, so without it this skips.
 */
class RealModelTest {
    @Test
    void aRealModelAnswersAndClassifiesIntoTheSchema() throws Exception {
        String path = System.getenv("CLAY_TEST_MODEL");
        Assumptions.assumeTrue(path != null && Files.isRegularFile(Path.of(path)),
                "CLAY_TEST_MODEL is not set to a GGUF file: skipping the real-model test (TinyGguf tests still ran)");
        try (LlamaCppProvider llm = LlamaCppProvider.load("real", Path.of(path),
                LlamaCppProvider.Options.defaults().withContextSize(2048))) {
            String hello = llm.chat().chat(ChatRequest.builder().messages(UserMessage.from("Reply with the single word: yes"))
                    .maxOutputTokens(8).build()).aiMessage().text();
            assertThat(hello.toLowerCase()).contains("yes");

            JsonSchema schema = JsonSchema.builder().name("intent").rootElement(JsonObjectSchema.builder()
                    .addProperty("intent", JsonEnumSchema.builder().enumValues("get_time", "open_file", "chat").build())
                    .required("intent").build()).build();
            String json = llm.chat().chat(ChatRequest.builder().messages(UserMessage.from("What time is it now?"))
                    .responseFormat(ResponseFormat.builder().type(ResponseFormatType.JSON).jsonSchema(schema).build())
                    .maxOutputTokens(40).build()).aiMessage().text();
            JsonNode node = new ObjectMapper().readTree(json);
            assertThat(node.path("intent").asText()).isEqualTo("get_time");
        }
    }
}
