package clay.intelligence.llama;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import clay.core.InvalidInputException;
import clay.core.ModelUnavailableException;
import clay.intelligence.model.ModelProvider.Feature;
import clay.intelligence.testing.TestModels;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.internal.JsonSchemaElementUtils;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonIntegerSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.output.FinishReason;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded provider against the real llama.cpp, with a {@link TinyGguf} model (one load for the class). */
class LlamaCppProviderTest {
    @TempDir static Path shared;
    @TempDir Path dir;
    static LlamaCppProvider llama;

    @BeforeAll
    static void load() {
        llama = TestModels.tinyLlama(shared);
    }

    @AfterAll
    static void close() {
        llama.close();
    }

    private static ChatRequest.Builder ask(String text) {
        return ChatRequest.builder().messages(SystemMessage.from("You are Clay."), UserMessage.from(text));
    }

    @Test
    void describesItself() {
        assertThat(llama.kind()).isEqualTo("llama.cpp");
        assertThat(llama.local()).isTrue();
        assertThat(llama.contextWindow()).isEqualTo(256);
        assertThat(llama.features()).contains(Feature.STREAMING, Feature.JSON_SCHEMA, Feature.GRAMMAR, Feature.CANCELLATION);
        assertThat(llama.countTokens("hello")).isPositive().isLessThan(llama.countTokens("hello the time, clay"));
        assertThat(llama.gguf().chatTemplate()).contains(TinyGguf.CHAT_TEMPLATE);
    }

    @Test
    void generatesTextThroughTheChatTemplate() {
        ChatResponse response = llama.chat().chat(ask("hello").maxOutputTokens(12).build());

        assertThat(response.aiMessage().text()).isNotEmpty();
        assertThat(response.tokenUsage().inputTokenCount()).isGreaterThan(10); // template markup + messages
        assertThat(response.tokenUsage().outputTokenCount()).isBetween(1, 12);
        assertThat(response.modelName()).isEqualTo("tiny");
    }

    @Test
    void sameSeedGivesTheSameAnswer() {
        var params = LlamaCppChatRequestParameters.builder().seed(11).temperature(0.9).maxOutputTokens(10).build();
        String a = llama.chat().chat(ask("x").parameters(params).build()).aiMessage().text();
        String b = llama.chat().chat(ask("x").parameters(params).build()).aiMessage().text();
        assertThat(a).isEqualTo(b);
    }

    @Test
    void streamsTokensThenTheWholeAnswer() throws Exception {
        List<String> tokens = new CopyOnWriteArrayList<>();
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();
        llama.streaming().chat(ask("stream please").maxOutputTokens(16).build(), new StreamingChatResponseHandler() {
            @Override public void onPartialResponse(String token) { tokens.add(token); }
            @Override public void onCompleteResponse(ChatResponse r) { done.complete(r); }
            @Override public void onError(Throwable e) { done.completeExceptionally(e); }
        });

        ChatResponse response = done.get(60, TimeUnit.SECONDS);
        assertThat(tokens).isNotEmpty();
        assertThat(String.join("", tokens)).isEqualTo(response.aiMessage().text());
        assertThat(response.tokenUsage().outputTokenCount()).isEqualTo(tokens.size());
    }

    @Test
    void jsonSchemaResponseValidatesAgainstTheSchema() throws Exception {
        JsonSchema schema = JsonSchema.builder().name("intent").rootElement(JsonObjectSchema.builder()
                .addProperty("intent", JsonEnumSchema.builder().enumValues("get_time", "open_file", "chat").build())
                .addProperty("confidence", JsonIntegerSchema.builder().build())
                .required("intent", "confidence").build()).build();
        Schema validator = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(new com.fasterxml.jackson.databind.ObjectMapper()
                        .writeValueAsString(JsonSchemaElementUtils.toMap(schema.rootElement())));

        for (int seed = 1; seed <= 3; seed++) {
            var params = LlamaCppChatRequestParameters.builder().seed(seed).maxOutputTokens(120)
                    .responseFormat(ResponseFormat.builder().type(ResponseFormatType.JSON).jsonSchema(schema).build())
                    .build();
            String json = llama.chat().chat(ask("what time is it?").parameters(params).build()).aiMessage().text();

            assertThat(validator.validate(json, InputFormat.JSON)).as("seed %d: %s", seed, json).isEmpty();
        }
    }

    @Test
    void rawGrammarConstrainsTheAnswer() {
        var params = LlamaCppChatRequestParameters.builder().grammar("root ::= (\"yes\" | \"no\") \".\"")
                .maxOutputTokens(8).seed(3).build();
        String answer = llama.chat().chat(ask("ok?").parameters(params).build()).aiMessage().text();
        assertThat(answer).isIn("yes.", "no.");
    }

    @Test
    void aBrokenGrammarIsRefusedBeforeItReachesLlamaCpp() {
        var params = LlamaCppChatRequestParameters.builder().grammar("root ::= (((").maxOutputTokens(4).build();
        assertThatThrownBy(() -> llama.chat().chat(ask("ok?").parameters(params).build()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("bad GBNF grammar at line 1");
        assertThat(llama.chat().chat(ask("still there?").maxOutputTokens(2).build()).aiMessage().text()).isNotNull();
    }

    @Test
    void cancellingAStreamStopsGenerationAndTheModelStaysUsable() throws Exception {
        List<String> tokens = new CopyOnWriteArrayList<>();
        CountDownLatch cancelled = new CountDownLatch(1);
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();
        llama.streaming().chat(ask("go on forever").maxOutputTokens(200).build(), new StreamingChatResponseHandler() {
            @Override public void onPartialResponse(PartialResponse token, PartialResponseContext ctx) {
                tokens.add(token.text());
                if (tokens.size() == 3) {
                    ctx.streamingHandle().cancel();
                    cancelled.countDown();
                }
            }
            @Override public void onCompleteResponse(ChatResponse r) { done.complete(r); }
            @Override public void onError(Throwable e) { done.completeExceptionally(e); }
        });

        assertThat(cancelled.await(60, TimeUnit.SECONDS)).isTrue();
        ChatResponse next = llama.chat().chat(ask("hi").maxOutputTokens(4).build()); // queued behind the cancelled one
        assertThat(tokens).hasSize(3);
        assertThat(done).isNotDone();
        // the slot is free again: the next prompt is processed (its words are noise and may be empty)
        assertThat(next.tokenUsage().inputTokenCount()).isGreaterThan(10);
    }

    @Test
    void aHandlerThatThrowsStopsGenerationAndGetsItsOwnExceptionBack() throws Exception {
        RuntimeException stop = new IllegalStateException("user pressed Ctrl-C");
        List<String> tokens = new CopyOnWriteArrayList<>();
        CompletableFuture<Throwable> error = new CompletableFuture<>();
        llama.streaming().chat(ask("go").maxOutputTokens(200).build(), new StreamingChatResponseHandler() {
            @Override public void onPartialResponse(String token) {
                tokens.add(token);
                throw stop;
            }
            @Override public void onCompleteResponse(ChatResponse r) { error.complete(null); }
            @Override public void onError(Throwable e) { error.complete(e); }
        });

        assertThat(error.get(60, TimeUnit.SECONDS)).isSameAs(stop);
        assertThat(tokens).hasSize(1);
        // the slot is free again: the next prompt is processed (its words are noise and may be empty)
        assertThat(llama.chat().chat(ask("next").maxOutputTokens(3).build()).tokenUsage().inputTokenCount()).isGreaterThan(10);
    }

    @Test
    void stopsAtTheOutputLimit() {
        ChatResponse r = llama.chat().chat(ask("long").maxOutputTokens(5)
                .parameters(LlamaCppChatRequestParameters.builder().maxOutputTokens(5).seed(5).build()).build());
        assertThat(r.tokenUsage().outputTokenCount()).isLessThanOrEqualTo(5);
        if (r.tokenUsage().outputTokenCount() == 5) assertThat(r.finishReason()).isEqualTo(FinishReason.LENGTH);
    }

    @Test
    void aPromptLongerThanTheContextIsRefused() {
        String essay = "the time is ".repeat(200);
        assertThatThrownBy(() -> llama.chat().chat(ask(essay).build()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("context window of 256");
    }

    @Test
    void missingModelFileIsUnavailableWithAFix() {
        assertThatThrownBy(() -> LlamaCppProvider.load("gone", dir.resolve("gone.gguf"), LlamaCppProvider.Options.defaults()))
                .isInstanceOf(ModelUnavailableException.class).hasMessageContaining("not found")
                .matches(e -> ((ModelUnavailableException) e).fix().orElse("").contains("clay models add"));
    }

    @Test
    void corruptModelFilesAreUnavailableNotACrash() throws Exception {
        Path truncated = TinyGguf.write(dir.resolve("truncated.gguf"));
        try (FileChannel ch = FileChannel.open(truncated, StandardOpenOption.WRITE)) {
            ch.truncate(ch.size() / 2);
        }
        Path garbage = Files.write(dir.resolve("garbage.gguf"), new byte[4096]);

        for (Path bad : List.of(truncated, garbage)) {
            assertThatThrownBy(() -> LlamaCppProvider.load("bad", bad, LlamaCppProvider.Options.defaults()))
                    .isInstanceOf(ModelUnavailableException.class).hasMessageContaining("not a valid GGUF");
        }
    }

    @Test
    void aValidGgufOfAnUnknownArchitectureFailsInLlamaCppWithAClearError() throws Exception {
        Path file = TinyGguf.write(dir.resolve("alien.gguf"));
        byte[] bytes = Files.readAllBytes(file);
        byte[] llamaArch = "\u0005\0\0\0\0\0\0\0llama".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        int at = indexOf(bytes, llamaArch);
        System.arraycopy("lmaal".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, bytes, at + 8, 5);
        Files.write(file, bytes);

        assertThatThrownBy(() -> LlamaCppProvider.load("alien", file, LlamaCppProvider.Options.defaults()))
                .isInstanceOf(ModelUnavailableException.class).hasMessageContaining("llama.cpp cannot load");
    }

    @Test
    void modelsWithAnUnknownOrBrokenChatTemplateStillAnswer() throws Exception {
        for (String[] change : new String[][] {{"im_start", "ix_start"}, {"endfor", "endfxr"}}) {
            Path file = TinyGguf.write(dir.resolve(change[1] + ".gguf"));
            String bytes = Files.readString(file, java.nio.charset.StandardCharsets.ISO_8859_1);
            int at = bytes.indexOf(TinyGguf.CHAT_TEMPLATE);
            String template = TinyGguf.CHAT_TEMPLATE.replace(change[0], change[1]); // same length
            Files.writeString(file, bytes.substring(0, at) + template + bytes.substring(at + template.length()),
                    java.nio.charset.StandardCharsets.ISO_8859_1);

            try (LlamaCppProvider odd = LlamaCppProvider.load("odd", file, LlamaCppProvider.Options.defaults())) {
                assertThat(odd.gguf().chatTemplate()).contains(template);
                // it answers: the prompt is rendered and processed (its noise words may be empty)
                ChatResponse r = odd.chat().chat(ask("hi").maxOutputTokens(3).build());
                assertThat(r.tokenUsage().inputTokenCount()).isGreaterThan(5);
                assertThat(r.aiMessage()).isNotNull();
            }
        }
    }

    @Test
    void aClosedProviderSaysSo() {
        LlamaCppProvider other = TestModels.tinyLlama(dir, "short-lived");
        other.close();
        other.close();
        assertThatThrownBy(() -> other.countTokens("x")).isInstanceOf(ModelUnavailableException.class)
                .hasMessageContaining("closed");
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i <= hay.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) if (hay[i + j] != needle[j]) continue outer;
            return i;
        }
        throw new AssertionError("not found");
    }
}
