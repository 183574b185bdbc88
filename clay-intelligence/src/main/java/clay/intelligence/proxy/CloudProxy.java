package clay.intelligence.proxy;

import clay.core.AtomicFiles;
import clay.core.ClayHome;
import clay.core.ConfigException;
import clay.intelligence.model.ModelProvider;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The one door to cloud models. {@link #wrap} turns a cloud {@link ModelProvider} into one whose every request is
 * redacted, checked against the user's policy (asking where it says so), answered from the cache when possible,
 * logged, and restored before the caller sees it. Requests that may not leave go to the local model instead.
 *
 * <pre>{@code
 * CloudProxy proxy = CloudProxy.open(home, CloudProxy.Options.defaults().withLocal(localModel));
 * ModelProvider claude = proxy.wrap(anthropicProvider);            // use only the wrapped one
 * String answer = claude.chat().chat("Draft a reply to maria@example.org");
 * }</pre>
 */
public final class CloudProxy implements AutoCloseable {

    /**
     * Settings that are not user policy.
     *
     * @param cacheTtl how long a cached answer stays valid
     * @param cacheMaxBytes size limit of the cache directory
     * @param local the local model that answers denied requests and, with {@code modelRedaction}, helps redact
     * @param modelRedaction also ask the local model to find personal data
     * @param clock time source (tests)
     */
    public record Options(Duration cacheTtl, long cacheMaxBytes, Optional<ModelProvider> local, boolean modelRedaction,
            Clock clock) {
        public static Options defaults() {
            return new Options(Duration.ofDays(7), 64L << 20, Optional.empty(), false, Clock.systemUTC());
        }

        public Options withLocal(ModelProvider local) {
            return new Options(cacheTtl, cacheMaxBytes, Optional.of(local), modelRedaction, clock);
        }

        public Options withModelRedaction(boolean on) {
            return new Options(cacheTtl, cacheMaxBytes, local, on, clock);
        }

        public Options withCache(Duration ttl, long maxBytes) {
            return new Options(ttl, maxBytes, local, modelRedaction, clock);
        }

        public Options withClock(Clock c) {
            return new Options(cacheTtl, cacheMaxBytes, local, modelRedaction, c);
        }
    }

    private final Path policyFile;
    private final Options options;
    private final Approvals approvals = new Approvals();
    private final AuditLog audit;
    private final ResponseCache cache;
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, PlaceholderMap> conversations = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, PlaceholderMap> eldest) {
            return size() > 256;
        }
    };
    private volatile ProxyPolicy policy;
    private volatile java.util.function.Supplier<Optional<ModelProvider>> local;

    private CloudProxy(ClayHome home, Options options) {
        this.options = options;
        Optional<ModelProvider> configured = options.local();
        this.local = () -> configured;
        this.policyFile = ClayHome.ensureDir(home.state("proxy")).resolve("policy.json");
        this.audit = new AuditLog(home);
        this.cache = new ResponseCache(home, options.cacheTtl(), options.cacheMaxBytes(), options.clock());
        this.policy = loadPolicy();
    }

    public static CloudProxy open(ClayHome home) {
        return open(home, Options.defaults());
    }

    public static CloudProxy open(ClayHome home, Options options) {
        return new CloudProxy(home, options);
    }

    /** The proxied form of {@code cloud}; a local provider is returned unchanged (its data does not leave). */
    public ModelProvider wrap(ModelProvider cloud) {
        if (cloud.local() || cloud instanceof ProxiedProvider) return cloud;
        return new ProxiedProvider(this, cloud, Call.chat());
    }

    /** Sets (or replaces) the local model used for denied requests and model-assisted redaction. */
    public void localModel(ModelProvider model) {
        this.local = () -> Optional.of(model);
    }

    /** Looks the local model up at each use (the runtime's default local model may still be loading at boot). */
    public void localModel(java.util.function.Supplier<Optional<ModelProvider>> model) {
        this.local = model;
    }

    public ProxyPolicy policy() {
        return policy;
    }

    /** Replaces the policy and saves it (owner-only file under {@code state/proxy}). */
    public synchronized void policy(ProxyPolicy p) {
        try {
            AtomicFiles.write(policyFile, json.writerWithDefaultPrettyPrinter().writeValueAsBytes(p.toJson(json)));
            Files.setPosixFilePermissions(policyFile, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the proxy policy to " + policyFile, e);
        }
        this.policy = p;
    }

    public Approvals approvals() {
        return approvals;
    }

    public AuditLog audit() {
        return audit;
    }

    public ResponseCache cache() {
        return cache;
    }

    /** What {@code text} would look like when it leaves, with the current rules and lists (for "inspect"). */
    public Redaction preview(String text) {
        return redactor().redact(text, new PlaceholderMap());
    }

    Redactor redactor() {
        ProxyPolicy p = policy;
        List<Detector> detectors = new ArrayList<>(Redactor.ruleDetectors());
        if (options.modelRedaction()) local.get().ifPresent(m -> detectors.add(new ModelDetector(m)));
        return new Redactor(detectors, p.allow(), p.deny());
    }

    PlaceholderMap placeholders(Call call) {
        if (call.conversation().isEmpty()) return new PlaceholderMap();
        synchronized (conversations) {
            return conversations.computeIfAbsent(call.conversation().get(), k -> new PlaceholderMap());
        }
    }

    /** The blocking path: see the class comment. */
    ChatResponse chat(ModelProvider cloud, Call call, ChatRequest request) {
        Outgoing out = Outgoing.prepare(this, cloud, call, request);
        if (!out.allowed()) return fallback(request, out.refusal());
        String key = cacheKey(call, out.model(), out.rendered());
        if (!call.noCache()) {
            // a cached answer leaves nothing, so it needs no approval
            Optional<ResponseCache.Entry> hit = cache.get(key);
            if (hit.isPresent()) return cachedResponse(hit.get(), out.map());
        }
        out = out.askUser(this, cloud, call);
        if (!out.allowed()) return fallback(request, out.refusal());
        ChatResponse response;
        try {
            response = cloud.chat().chat(out.request());
        } catch (RuntimeException e) {
            record(cloud, call, out, null, null, "", false, "error: " + e.getMessage());
            throw e;
        }
        String text = response.aiMessage().text() == null ? "" : response.aiMessage().text();
        int[] tokens = record(cloud, call, out, response.modelName(), response.tokenUsage(), text, false, "ok");
        if (!call.noCache() && !response.aiMessage().hasToolExecutionRequests()) {
            cache.put(key, new ResponseCache.Entry(text, out.model(), tokens[0], tokens[1], options.clock().instant()));
        }
        return response.toBuilder().aiMessage(Outgoing.restore(response.aiMessage(), out.map())).build();
    }

    /** The streaming path: chunks are restored as they arrive, holding back a placeholder split across chunks. */
    void stream(ModelProvider cloud, Call call, ChatRequest request, StreamingChatResponseHandler handler) {
        Outgoing prepared;
        try {
            prepared = Outgoing.prepare(this, cloud, call, request);
        } catch (RuntimeException e) {
            handler.onError(e);
            return;
        }
        String key = cacheKey(call, prepared.model(), prepared.rendered());
        if (prepared.allowed() && !call.noCache()) {
            Optional<ResponseCache.Entry> hit = cache.get(key);
            if (hit.isPresent()) {
                ChatResponse r = cachedResponse(hit.get(), prepared.map());
                handler.onPartialResponse(r.aiMessage().text());
                handler.onCompleteResponse(r);
                return;
            }
        }
        Outgoing out = prepared.askUser(this, cloud, call);
        if (!out.allowed()) {
            try {
                ChatResponse r = fallback(request, out.refusal());
                if (r.aiMessage().text() != null) handler.onPartialResponse(r.aiMessage().text());
                handler.onCompleteResponse(r);
            } catch (RuntimeException e) {
                handler.onError(e);
            }
            return;
        }
        PlaceholderMap.StreamRestorer restorer = out.map().streamRestorer();
        StringBuilder raw = new StringBuilder();
        cloud.streaming().chat(out.request(), new StreamingChatResponseHandler() {
            @Override
            public void onPartialResponse(String chunk) {
                raw.append(chunk);
                String ready = restorer.feed(chunk);
                if (!ready.isEmpty()) handler.onPartialResponse(ready);
            }

            @Override
            public void onCompleteResponse(ChatResponse response) {
                String rest = restorer.flush();
                if (!rest.isEmpty()) handler.onPartialResponse(rest);
                String text = response.aiMessage().text() != null ? response.aiMessage().text() : raw.toString();
                int[] tokens = record(cloud, call, out, response.modelName(), response.tokenUsage(), text, true, "ok");
                if (!call.noCache() && !response.aiMessage().hasToolExecutionRequests()) {
                    cache.put(key, new ResponseCache.Entry(text, out.model(), tokens[0], tokens[1], options.clock().instant()));
                }
                handler.onCompleteResponse(response.toBuilder()
                        .aiMessage(Outgoing.restore(response.aiMessage().text() == null
                                ? response.aiMessage().withText(text) : response.aiMessage(), out.map())).build());
            }

            @Override
            public void onError(Throwable error) {
                record(cloud, call, out, null, null, raw.toString(), true, "error: " + error.getMessage());
                handler.onError(error);
            }
        });
    }

    boolean ask(ModelProvider cloud, Call call, String rendered, Map<String, Integer> counts) {
        return approvals.await(cloud.name(), call.intent(), call.reason(), rendered, counts, policy.askTimeout());
    }

    /** The whole redacted request with the model: the same question in another context is another request. */
    private String cacheKey(Call call, String model, String rendered) {
        return ResponseCache.key(model, rendered);
    }

    private ChatResponse cachedResponse(ResponseCache.Entry e, PlaceholderMap map) {
        return ChatResponse.builder().aiMessage(AiMessage.from(map.restore(e.text()))).modelName(e.model())
                .tokenUsage(new TokenUsage(e.inputTokens(), e.outputTokens())).finishReason(FinishReason.STOP)
                .id("cache").build();
    }

    private ChatResponse fallback(ChatRequest original, String why) {
        ModelProvider m = local.get().orElseThrow(() -> new CloudRequestDeniedException(why));
        return m.chat().chat(original);
    }

    /** Appends the audit entry; {@code actualModel} is the model id the provider reported, when it did. */
    private int[] record(ModelProvider cloud, Call call, Outgoing out, String actualModel, TokenUsage usage, String answer,
            boolean streamed, String outcome) {
        String model = actualModel != null && !actualModel.isBlank() ? actualModel : out.model();
        int in = usage != null && usage.inputTokenCount() != null ? usage.inputTokenCount() : estimate(cloud, out.rendered());
        int outTokens = usage != null && usage.outputTokenCount() != null ? usage.outputTokenCount() : estimate(cloud, answer);
        Map<String, Integer> redacted = new java.util.TreeMap<>();
        out.counts().forEach((c, n) -> redacted.put(c.wireName(), n));
        audit.append(new AuditLog.Entry(UUID.randomUUID().toString(), options.clock().instant(), model, cloud.kind(),
                call.intent(), call.reason(), out.decision().wireName(), out.approvedBy(), redacted,
                out.rendered().length(), answer.length(), in, outTokens, AuditLog.cost(model, in, outTokens), streamed,
                outcome));
        return new int[] {in, outTokens};
    }

    private static int estimate(ModelProvider cloud, String text) {
        try {
            return cloud.countTokens(text);
        } catch (RuntimeException e) {
            return (text.length() + 3) / 4;
        }
    }

    private ProxyPolicy loadPolicy() {
        if (!Files.isRegularFile(policyFile)) return ProxyPolicy.defaults();
        try {
            return ProxyPolicy.fromJson(json.readTree(policyFile.toFile()));
        } catch (IOException e) {
            throw new ConfigException("the proxy policy " + policyFile + " is not valid JSON: " + e.getMessage(),
                    "fix it or delete it to start from the defaults (redact everything)");
        }
    }

    @Override
    public void close() {
        synchronized (conversations) {
            conversations.clear();
        }
    }
}
