package clay.intelligence.model;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import java.util.Set;

/**
 * One configured model Clay can think with. Chat goes through LangChain4j's {@link ChatModel} (blocking) and
 * {@link StreamingChatModel}; JSON-schema-constrained output is requested the LangChain4j way, with a
 * {@code ResponseFormat} of type JSON carrying a {@code JsonSchema}, and every provider that lists
 * {@link Feature#JSON_SCHEMA} must return text that validates against it.
 *
 * <p>Implementations must throw {@link clay.core.ModelUnavailableException} (not a raw I/O or native error) when the
 * model cannot be loaded or reached, and must release native memory or connections in {@link #close()}.
 */
public interface ModelProvider extends AutoCloseable {

    /** What a provider can do beyond plain chat. */
    enum Feature { STREAMING, JSON_SCHEMA, GRAMMAR, TOOLS, CANCELLATION }

    /** The name the user gave it in the configuration ({@code clay models list}). */
    String name();

    /** Which kind of provider: {@code llama.cpp}, {@code openai-compatible}, {@code ollama}, {@code anthropic}, {@code openai}. */
    String kind();

    /** True when thinking happens on this machine (data does not leave). */
    boolean local();

    ChatModel chat();

    StreamingChatModel streaming();

    /** Tokens {@code text} takes in this model's tokenizer (an estimate where the tokenizer is remote). */
    int countTokens(String text);

    /** The context window in tokens. */
    int contextWindow();

    Set<Feature> features();

    @Override
    default void close() {}
}
