package clay.runtime;

import clay.core.ClayException;
import clay.core.Intent;
import clay.core.Route;
import clay.core.ModelUnavailableException;
import clay.core.Utterance;
import clay.intelligence.model.ModelProvider;
import clay.intelligence.intent.ActionGuard;
import clay.intelligence.intent.IntentCatalog;
import clay.intelligence.intent.IntentDefinition;
import clay.intelligence.intent.SafetyClass;
import clay.runtime.skill.DestructiveSkill;
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
    private final Confirmations confirmations = new Confirmations(java.time.Clock.systemUTC());

    Assistant(RuntimeContext ctx) {
        this.ctx = ctx;
    }

    /** Destructive actions waiting for the user's yes. */
    public Confirmations confirmations() {
        return confirmations;
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
            reply = guarded(skill.get(), new SkillRequest(u, intent, ctx, out, cancelled));
        } else {
            reply = chat(u, intent, options, out, cancelled);
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("intent", intent.name());
        data.put("confidence", intent.confidence());
        data.put("parameters", intent.parameters());
        data.put("latency_ms", (System.nanoTime() - t0) / 1e6);
        Reply routed = reply;
        Optional<Map<String, Object>> routeLog = reply.data().containsKey("route_log") ? Optional.empty()
                : ctx.service(clay.runtime.intent.IntentModule.class)
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

    /**
     * Carries out an intent the user chose explicitly (a button on a surface): read-only and creating intents run, a
     * destroying one is previewed and waits for the user's yes like one read from a sentence.
     */
    public Reply perform(String intentName, Map<String, Object> parameters, Consumer<String> out) {
        Skill skill = ctx.skills().forIntent(intentName).orElseThrow(() -> new ClayException(
                "nothing handles the action '" + intentName + "'", "This surface offered an action no skill knows."));
        Utterance u = new Utterance(intentName.replace('_', ' '), clay.core.Source.GESTURE, java.time.Instant.now());
        return guarded(skill, new SkillRequest(u, new Intent(intentName, parameters, 1.0, clay.core.Source.GESTURE, Map.of()), ctx, out, () -> false));
    }

    /** Runs {@code skill} as far as the intent's safety class and the reading allow (see {@link ActionGuard}). */
    private Reply guarded(Skill skill, SkillRequest req) {
        Intent intent = req.intent();
        Optional<IntentDefinition> def = ctx.service(IntentCatalog.class).flatMap(c -> c.find(intent.name()));
        SafetyClass safety = def.map(IntentDefinition::safety)
                .orElse(skill instanceof DestructiveSkill ? SafetyClass.DESTROYS : SafetyClass.CREATES);
        try {
            Reply reply = switch (ActionGuard.judge(intent, safety)) {
                case ActionGuard.Verdict.Act a -> skill.handle(req);
                case ActionGuard.Verdict.Confirm c -> skill instanceof DestructiveSkill d
                        ? preview(d, req)
                        : Reply.offline("I won't do that from a sentence: it would remove something and it cannot show "
                                + "what first. Nothing was changed.", "no preview").withData(Map.of("acted", false));
                case ActionGuard.Verdict.Suggest sg -> Reply.offline(didYouMean(def, intent, req.utterance().text()), sg.why())
                        .withData(Map.of("acted", false));
                case ActionGuard.Verdict.Refuse r -> Reply.offline(refused(safety, r.why()), r.why()).withData(Map.of("acted", false));
            };
            if (reply.data().get("confirm") == null && reply.data().get("acted") == null) reply = reply.withData(Map.of("acted", safety != SafetyClass.READ_ONLY));
            if (reply.text().isBlank()) reply = new Reply(visible(reply), reply.surfaces(), reply.data(), reply.route(), reply.reason());
            return reply;
        } catch (ClayException e) {
            throw e;
        } catch (Exception e) {
            throw new ClayException("the " + intent.name() + " skill failed: " + e.getMessage(), null, e);
        }
    }

    /** A reply's text, or what it showed when a skill left the text empty: never nothing. */
    static String visible(Reply reply) {
        if (!reply.text().isBlank()) return reply.text();
        if (!reply.surfaces().isEmpty()) {
            return "Shown on the canvas: " + String.join(", ", reply.surfaces().stream().map(s -> s.path("title").asText("a surface")).toList()) + ".";
        }
        return "Done (" + (reply.reason() == null || reply.reason().isBlank() ? reply.route() : reply.reason()) + ").";
    }

    /** The preview of a destructive skill, waiting for the user's yes; an unclear request removes nothing and says so. */
    private Reply preview(DestructiveSkill skill, SkillRequest req) throws Exception {
        try {
            return confirmations.ask(req.intent().name(), skill.preview(req));
        } catch (clay.core.InvalidInputException e) {
            return Reply.offline("Nothing was removed: " + e.getMessage() + "." + e.fix().map(f -> " " + f).orElse(""), "unclear request")
                    .withData(Map.of("acted", false));
        }
    }

    private static String didYouMean(Optional<IntentDefinition> def, Intent intent, String text) {
        String what = def.map(d -> d.description().replaceAll("\\.$", "")).orElse(intent.name().replace('_', ' '));
        String example = def.flatMap(d -> d.examples().stream().findFirst()).map(e -> " For example: \"" + e + "\".").orElse("");
        return String.format(java.util.Locale.ROOT, "Did you mean: %s? I was not sure (%.2f), so I did nothing. If that is "
                + "what you want, say it plainly.%s", lowerFirst(what), intent.confidence(), example);
    }

    private static String refused(SafetyClass safety, String why) {
        if (safety == SafetyClass.DESTROYS) {
            return "I did not remove anything: " + why + ". To forget something, say it plainly (\"forget my locker code\") "
                    + "or run: clay memory forget --about TOPIC (or --today, --everything).";
        }
        return "I did not change anything: " + why + ".";
    }

    private static String lowerFirst(String s) {
        return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }

    /**
     * Answers with a model. The router (when the intent module runs) picks the route from the intent, its difficulty,
     * privacy, the configured models and the user's policy: LOCAL and LOCAL_THEN_ESCALATE think on this machine,
     * CLOUD on the cloud model (through the proxy), HYBRID drafts locally and lets the cloud model polish. The prompt
     * carries the context manager's context and the memories recalled for the request, within the model's window.
     */
    private Reply chat(Utterance u, Intent intent, Options options, Consumer<String> out, BooleanSupplier cancelled) {
        long t0 = System.nanoTime();
        Models models = ctx.models();
        Optional<String> local = models.defaultName().filter(models::isLocal)
                .or(() -> models.names().stream().filter(models::isLocal).findFirst());
        Optional<String> cloud = models.defaultName().filter(n -> !models.isLocal(n))
                .or(() -> models.names().stream().filter(n -> !models.isLocal(n)).findFirst());
        Optional<clay.intelligence.route.RouteDecision> decision = options.model().isPresent() ? Optional.empty()
                : ctx.service(clay.runtime.intent.IntentModule.class).map(m -> m.route(intent, u.text(), contextTokens(u.text())));
        Route route = options.model().<Route>map(n -> models.isLocal(n)
                        ? new Route.Local("you asked for the local model " + n)
                        : new Route.Cloud("you asked for the cloud model " + n))
                .or(() -> decision.map(clay.intelligence.route.RouteDecision::route))
                .orElseGet(() -> local.<Route>map(n -> new Route.Local("the local model answers by default"))
                        .or(() -> cloud.map(n -> new Route.Cloud("only a cloud model is configured")))
                        .orElseGet(() -> new Route.None("no model is configured")));
        Optional<String> primary = options.model().or(() -> switch (route) {
            case Route.Cloud c -> cloud.or(() -> local);
            case Route.Local l -> local.or(() -> cloud);
            case Route.LocalThenEscalate l -> local.or(() -> cloud);
            case Route.Hybrid h -> local.or(() -> cloud);
            case Route.None n -> Optional.<String>empty();
        });
        if (primary.isEmpty()) {
            String text = models.isEmpty() ? offlineHelp() : "I can't use a model for this: " + route.reason();
            out.accept(text);
            return Reply.offline(text, route.reason());
        }
        ModelProvider model = gated(models.get(primary.get()), intent, options, route);
        String system = systemPrompt(model, u.text());
        String answer;
        String used = primary.get();
        if (route instanceof Route.Hybrid && cloud.isPresent() && !cloud.get().equals(primary.get())) {
            String draft = generate(model, system, u.text(), t -> {}, cancelled);
            ModelProvider polisher = gated(models.get(cloud.get()), intent, options, route);
            answer = generate(polisher, system, "Improve this draft answer to the request below. Keep what is right, "
                    + "fix what is wrong, answer plainly.\n\nRequest: " + u.text() + "\n\nDraft:\n" + draft, out, cancelled);
            used = primary.get() + " (draft) + " + cloud.get() + " (polish)";
        } else {
            answer = generate(model, system, u.text(), out, cancelled);
        }
        ctx.service(clay.memory.context.ContextManager.class).ifPresent(c -> {
            c.recordTurn("user", u.text());
            c.recordTurn("assistant", answer);
        });
        String by = used;
        String reason = route.reason() + " - answered by " + by;
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("model", by);
        data.put("cancelled", cancelled.getAsBoolean());
        decision.flatMap(d -> ctx.service(clay.intelligence.route.Router.class)
                        .flatMap(r -> r.log().complete(d.id(), "answered by " + by, (System.nanoTime() - t0) / 1e6)))
                .ifPresent(d -> data.put("route_log", d.toMap()));
        return new Reply(answer, List.of(), data, route.name(), reason);
    }

    /**
     * About how many tokens the request would carry with all of its context (4 characters a token, before any model is
     * loaded): what the router weighs against the local model's window.
     */
    private int contextTokens(String request) {
        int chars = request.length();
        chars += ctx.service(clay.memory.context.ContextManager.class)
                .map(c -> c.assemble(1_000_000, t -> t.length() / 4).text().length()).orElse(0);
        return chars / 4;
    }

    /** Cloud models pass the proxy with this request's intent and reason, so its policy and audit work per intent. */
    private static ModelProvider gated(ModelProvider model, Intent intent, Options options, Route route) {
        if (model instanceof clay.intelligence.proxy.ProxiedProvider proxied) {
            clay.intelligence.proxy.Call call = clay.intelligence.proxy.Call.of(intent.name(), route.reason());
            return proxied.with(options.noCache() ? call.withoutCache() : call);
        }
        return model;
    }

    /** The system prompt: who Clay is, the assembled context and the recalled memories, within the model's window. */
    private String systemPrompt(ModelProvider model, String request) {
        int window = Math.max(256, model.contextWindow());
        StringBuilder sb = new StringBuilder(SYSTEM_PROMPT);
        ctx.service(clay.memory.context.ContextManager.class).ifPresent(c -> {
            String context = c.assemble(Math.min(1500, window / 4), model::countTokens).text();
            if (!context.isBlank()) sb.append("\n\n").append(context);
        });
        ctx.service(clay.memory.Memory.class).ifPresent(m -> {
            String recalled = m.recall().recall(request, Math.min(600, window / 8)).asPrompt();
            if (!recalled.isBlank()) sb.append("\n\nWhat you remember that may help (cite it when you use it):\n").append(recalled);
        });
        return sb.toString();
    }

    /** Streams one completion to {@code out}, stopping early when {@code cancelled}; returns the whole text. */
    private static String generate(ModelProvider model, String system, String user, Consumer<String> out,
            BooleanSupplier cancelled) {
        StringBuilder all = new StringBuilder();
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();
        ChatRequest request = ChatRequest.builder()
                .messages(List.of(SystemMessage.from(system), UserMessage.from(user)))
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
            throw new ModelUnavailableException("model '" + model.name() + "' failed: " + c.getMessage(), null, false, c);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return all.toString();
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
