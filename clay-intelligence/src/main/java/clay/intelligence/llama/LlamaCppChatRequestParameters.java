package clay.intelligence.llama;

import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.DefaultChatRequestParameters;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * LangChain4j request parameters plus what only llama.cpp offers: a raw GBNF {@code grammar} that constrains
 * sampling, and a sampling {@code seed} for reproducible output.
 *
 * <pre>{@code
 * var params = LlamaCppChatRequestParameters.builder().grammar("root ::= \"yes\" | \"no\"").seed(7).build();
 * provider.chat().chat(ChatRequest.builder().messages(UserMessage.from("ok?")).parameters(params).build());
 * }</pre>
 */
public final class LlamaCppChatRequestParameters extends DefaultChatRequestParameters {
    private final @Nullable String grammar;
    private final @Nullable Integer seed;

    private LlamaCppChatRequestParameters(Builder builder) {
        super(builder);
        this.grammar = builder.grammar;
        this.seed = builder.seed;
    }

    public Optional<String> grammar() {
        return Optional.ofNullable(grammar);
    }

    public Optional<Integer> seed() {
        return Optional.ofNullable(seed);
    }

    @Override
    public LlamaCppChatRequestParameters overrideWith(ChatRequestParameters that) {
        return builder().overrideWith(this).overrideWith(that).build();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LlamaCppChatRequestParameters that && super.equals(o)
                && Objects.equals(grammar, that.grammar) && Objects.equals(seed, that.seed);
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), grammar, seed);
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder extends DefaultChatRequestParameters.Builder<Builder> {
        private @Nullable String grammar;
        private @Nullable Integer seed;

        @Override
        public Builder overrideWith(ChatRequestParameters parameters) {
            super.overrideWith(parameters);
            if (parameters instanceof LlamaCppChatRequestParameters p) {
                if (p.grammar != null) grammar = p.grammar;
                if (p.seed != null) seed = p.seed;
            }
            return this;
        }

        /** A GBNF grammar (llama.cpp's format) every generated token must fit. */
        public Builder grammar(@Nullable String grammar) {
            this.grammar = grammar;
            return this;
        }

        public Builder seed(@Nullable Integer seed) {
            this.seed = seed;
            return this;
        }

        @Override
        public LlamaCppChatRequestParameters build() {
            return new LlamaCppChatRequestParameters(this);
        }
    }
}
