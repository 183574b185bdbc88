package clay.runtime.memory;

import clay.core.ModelUnavailableException;
import clay.intelligence.model.ModelProvider;
import clay.runtime.RuntimeContext;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import java.util.Set;

/**
 * The runtime's default local model, looked up at each use (it loads in the background after boot). Memory uses it
 * to extract facts; it never falls back to a cloud model, so what the user says stays on the machine.
 */
final class LocalModel implements ModelProvider {
    private final RuntimeContext ctx;

    LocalModel(RuntimeContext ctx) {
        this.ctx = ctx;
    }

    private ModelProvider model() {
        String name = ctx.models().defaultName().filter(ctx.models()::isLocal)
                .or(() -> ctx.models().names().stream().filter(ctx.models()::isLocal).findFirst())
                .orElseThrow(() -> new ModelUnavailableException("no local model for fact extraction",
                        "add one with clay models add NAME FILE.gguf, or set memory.extract_facts = false"));
        return ctx.models().get(name);
    }

    @Override
    public String name() {
        return model().name();
    }

    @Override
    public String kind() {
        return model().kind();
    }

    @Override
    public boolean local() {
        return true;
    }

    @Override
    public ChatModel chat() {
        return model().chat();
    }

    @Override
    public StreamingChatModel streaming() {
        return model().streaming();
    }

    @Override
    public int countTokens(String text) {
        return model().countTokens(text);
    }

    @Override
    public int contextWindow() {
        return model().contextWindow();
    }

    @Override
    public Set<Feature> features() {
        return model().features();
    }
}
