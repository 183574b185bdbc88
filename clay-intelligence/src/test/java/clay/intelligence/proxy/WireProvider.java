package clay.intelligence.proxy;

import clay.intelligence.model.ModelProvider;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import java.util.Set;

/** A provider talking to an {@link OpenAiWireServer}: "cloud" or "local" (an OpenAI-compatible server on this machine). */
record WireProvider(String name, String baseUrl, boolean local) implements ModelProvider {
    @Override
    public String kind() {
        return local ? "openai-compatible" : "openai";
    }

    @Override
    public ChatModel chat() {
        return OpenAiChatModel.builder().baseUrl(baseUrl).apiKey("test-key").modelName(name).build();
    }

    @Override
    public StreamingChatModel streaming() {
        return OpenAiStreamingChatModel.builder().baseUrl(baseUrl).apiKey("test-key").modelName(name).build();
    }

    @Override
    public int countTokens(String text) {
        return (text.length() + 3) / 4;
    }

    @Override
    public int contextWindow() {
        return 128_000;
    }

    @Override
    public Set<Feature> features() {
        return Set.of(Feature.STREAMING);
    }
}
