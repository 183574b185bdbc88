package clay.intelligence.proxy;

import clay.intelligence.model.ModelProvider;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import java.util.Set;

/**
 * A cloud provider seen through the proxy: the same name, kind and features, but {@link #chat()} and
 * {@link #streaming()} pass every request through {@link CloudProxy}. {@link #with(Call)} binds the intent and route
 * reason the audit log and policy need.
 */
public final class ProxiedProvider implements ModelProvider {
    private final CloudProxy proxy;
    private final ModelProvider cloud;
    private final Call call;

    ProxiedProvider(CloudProxy proxy, ModelProvider cloud, Call call) {
        this.proxy = proxy;
        this.cloud = cloud;
        this.call = call;
    }

    /** The same provider for requests of one intent, route reason, conversation or cache setting. */
    public ProxiedProvider with(Call call) {
        return new ProxiedProvider(proxy, cloud, call);
    }

    public Call call() {
        return call;
    }

    @Override
    public String name() {
        return cloud.name();
    }

    @Override
    public String kind() {
        return cloud.kind();
    }

    @Override
    public boolean local() {
        return false;
    }

    @Override
    public ChatModel chat() {
        return new ChatModel() {
            @Override
            public ChatResponse doChat(ChatRequest request) {
                return proxy.chat(cloud, call, request);
            }
        };
    }

    @Override
    public StreamingChatModel streaming() {
        return new StreamingChatModel() {
            @Override
            public void doChat(ChatRequest request, StreamingChatResponseHandler handler) {
                proxy.stream(cloud, call, request, handler);
            }
        };
    }

    @Override
    public int countTokens(String text) {
        return cloud.countTokens(text);
    }

    @Override
    public int contextWindow() {
        return cloud.contextWindow();
    }

    @Override
    public Set<Feature> features() {
        return cloud.features();
    }

    @Override
    public void close() {
        cloud.close();
    }
}
