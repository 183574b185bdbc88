package clay.runtime;

import clay.core.ClayException;
import clay.core.Intent;
import clay.core.ModelUnavailableException;
import clay.core.Utterance;
import clay.intelligence.model.ModelProvider;
import clay.runtime.skill.Reply;
import clay.runtime.skill.Skill;
import clay.runtime.skill.SkillRequest;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Answers one utterance: reads its intent, hands it to the skill registered for it, and otherwise lets the default (or
 * requested) model answer. Without a model it says plainly what works offline and how to add one.
 */
public final class Assistant {
    static final String SYSTEM_PROMPT = "You are Clay, a helpful assistant running on the user's own computer. "
            + "Answer briefly and plainly.";

    private final RuntimeContext ctx;
    private final IntentReader fallbackReader = new KeywordIntentReader();

    Assistant(RuntimeContext ctx) {
        this.ctx = ctx;
    }

    /** Told about every answered utterance (memory records them); offered as a service by a module. */
    @FunctionalInterface
    public interface Listener {
        void answered(Utterance utterance, Intent intent, Reply reply);
    }

    /** Options of one request. {@code model} names a configured model, or is empty for the default. */
    public record Options(Optional<String> model, boolean explain, boolean noCache) {
        public Options(Optional<String> model, boolean explain) {
            this(model, explain, false);
        }

        public static Options defaults() {
            return new Options(Optional.empty(), false);
        }
    }

    public Intent read(Utterance u) {
        ctx.awaitModule("intent");
        return ctx.service(IntentReader.class).orElse(fallbackReader).read(u);
    }

    public Reply ask(Utterance u, Options options, Consumer<String> out, BooleanSupplier cancelled) {
        long t0 = System.nanoTime();
        Intent intent = read(u);
        Optional<Skill> skill = ctx.skills().forIntent(intent.name());
        if (skill.isEmpty() && !intent.outOfScope()) {
            ctx.awaitModules(); // its skill may belong to a module still starting
            skill = ctx.skills().forIntent(intent.name());
        }
        Reply reply;
        if (skill.isPresent() && options.model().isEmpty()) {
            try {
                reply = skill.get().handle(new SkillRequest(u, intent, ctx, out, cancelled));
            } catch (ClayException e) {
                throw e;
            } catch (Exception e) {
                throw new ClayException("the " + intent.name() + " skill failed: " + e.getMessage(), null, e);
            }
        } else {
            reply = chat(u, intent, options, out, cancelled);
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("intent", intent.name());
        data.put("confidence", intent.confidence());
        data.put("parameters", intent.parameters());
        data.put("latency_ms", (System.nanoTime() - t0) / 1e6);
        Reply routed = reply;
        Optional<Map<String, Object>> routeLog = ctx.service(clay.runtime.intent.IntentModule.class)
                .map(m -> m.explain(intent, u.text(), routed.route(), routed.reason(), (double) data.get("latency_ms")));
        Reply answered = reply.withData(routeLog.isPresent() ? Map.of("decision", data, "route_log", routeLog.get()) : Map.of("decision", data));
        ctx.service(Listener.class).ifPresent(l -> {
            try {
                l.answered(u, intent, answered);
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(Assistant.class).warn("recording the interaction failed: {}", e.toString());
            }
        });
        return answered;
    }

    private Reply chat(Utterance u, Intent intent, Options options, Consumer<String> out, BooleanSupplier cancelled) {
        Models models = ctx.models();
        Optional<String> name = options.model().or(models::defaultName);
        if (name.isEmpty()) {
            String text = offlineHelp();
            out.accept(text);
            return Reply.offline(text, "no model is configured");
        }
        ModelProvider model = models.get(name.get());
        if (model instanceof clay.intelligence.proxy.ProxiedProvider proxied) {
            // the proxy's policy and audit log work per intent
            clay.intelligence.proxy.Call call = clay.intelligence.proxy.Call.of(intent.name(), (options.model().isPresent()
                    ? "the user asked for model " + name.get() : "the default model is a cloud model"));
            model = proxied.with(options.noCache() ? call.withoutCache() : call);
        }
        String route = model.local() ? "LOCAL" : "CLOUD";
        StringBuilder all = new StringBuilder();
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();
        ChatRequest request = ChatRequest.builder()
                .messages(List.of(SystemMessage.from(SYSTEM_PROMPT), UserMessage.from(u.text())))
                .build();
        model.streaming().chat(request, new StreamingChatResponseHandler() {
            @Override
            public void onPartialResponse(String token) {
                if (cancelled.getAsBoolean()) {
                    done.complete(null);
                    throw new CancelledException();
                }
                all.append(token);
                out.accept(token);
            }

            @Override
            public void onCompleteResponse(ChatResponse response) {
                done.complete(response);
            }

            @Override
            public void onError(Throwable error) {
                if (error instanceof CancelledException) done.complete(null);
                else done.completeExceptionally(error);
            }
        });
        try {
            while (!done.isDone()) {
                if (cancelled.getAsBoolean()) break;
                try {
                    done.get(50, TimeUnit.MILLISECONDS);
                } catch (java.util.concurrent.TimeoutException ignored) {
                    // poll for cancellation
                }
            }
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof ClayException ce) throw ce;
            throw new ModelUnavailableException("model '" + name.get() + "' failed: " + c.getMessage(), null, false, c);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        String reason = (model.local() ? "local model " : "cloud model ") + name.get()
                + (intent.outOfScope() ? " (no skill for this request)" : " (asked for " + intent.name() + ")");
        return new Reply(all.toString(), List.of(), Map.of("model", name.get(), "cancelled", cancelled.getAsBoolean()),
                route, reason);
    }

    /** What Clay can do with no model at all. */
    public static String offlineHelp() {
        return "I have no language model yet, so I can only do what works offline: tell the time and date, "
                + "show system status, settings and help. To talk about anything else, add a model: "
                + "clay models add NAME /path/to/model.gguf (or clay models pull qwen2.5-1.5b-instruct), "
                + "or set ANTHROPIC_API_KEY / OPENAI_API_KEY.";
    }

    private static final class CancelledException extends RuntimeException {
        CancelledException() {
            super("cancelled", null, false, false);
        }
    }
}
