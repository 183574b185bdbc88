package clay.intelligence.model;

import clay.core.ConfigException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * How to reach one model, as the user configured it: what the configuration file's model sections and
 * {@code clay models add} turn into, and what {@link ModelRegistry} loads lazily.
 *
 * <pre>{@code
 * ModelSpec.llamaCpp("local", Path.of("~/.clay/models/qwen.gguf"))
 * ModelSpec.of("claude", Map.of("kind", "anthropic", "model", "claude-sonnet-4-5"))
 * ModelSpec.of("lan", Map.of("kind", "openai-compatible", "url", "http://10.0.0.2:8080/v1", "model", "qwen"))
 * }</pre>
 *
 * @param location      for {@code llama.cpp} a GGUF path; for servers the base URL; empty = the kind's default URL
 * @param model         the model id the server knows (e.g. {@code claude-sonnet-4-5}, {@code qwen2.5:1.5b})
 * @param apiKey        a key given literally in the configuration (prefer {@code apiKeyEnv})
 * @param apiKeyEnv     the environment variable holding the key; empty = the kind's default variable
 * @param contextWindow tokens; 0 = the model's own / the kind's default
 * @param gpuLayers     llama.cpp layers to offload when a GPU is present; -1 = all, 0 = none
 * @param maxOutputTokens default answer length limit; 0 = provider default
 */
public record ModelSpec(String name, Kind kind, String location, String model, @Nullable String apiKey,
        String apiKeyEnv, int contextWindow, int gpuLayers, int threads, int maxOutputTokens, Duration timeout) {

    /** The providers Clay knows, by configuration name. */
    public enum Kind {
        LLAMA_CPP("llama.cpp", true, "", ""),
        OPENAI_COMPATIBLE("openai-compatible", true, "http://127.0.0.1:8080/v1", ""),
        OLLAMA("ollama", true, "http://127.0.0.1:11434", ""),
        ANTHROPIC("anthropic", false, "https://api.anthropic.com/v1", "ANTHROPIC_API_KEY"),
        OPENAI("openai", false, "https://api.openai.com/v1", "OPENAI_API_KEY");

        private final String id;
        private final boolean local;
        private final String defaultUrl;
        private final String defaultKeyEnv;

        Kind(String id, boolean local, String defaultUrl, String defaultKeyEnv) {
            this.id = id;
            this.local = local;
            this.defaultUrl = defaultUrl;
            this.defaultKeyEnv = defaultKeyEnv;
        }

        public String id() { return id; }

        /** True when this kind of model can run on this machine (see {@link ModelSpec#local()} for a given one). */
        public boolean local() { return local; }

        public String defaultUrl() { return defaultUrl; }

        public String defaultKeyEnv() { return defaultKeyEnv; }

        public static Kind parse(String id) {
            String norm = id.trim().toLowerCase(Locale.ROOT).replace('_', '-');
            for (Kind k : values()) if (k.id.equals(norm)) return k;
            if (norm.equals("llama") || norm.equals("llamacpp") || norm.equals("gguf")) return LLAMA_CPP;
            if (norm.equals("openai-compat") || norm.equals("vllm") || norm.equals("lmstudio")) return OPENAI_COMPATIBLE;
            throw new ConfigException("unknown model kind '" + id + "'",
                    "use one of llama.cpp, openai-compatible, ollama, anthropic, openai");
        }
    }

    private static final Set<String> KEYS = Set.of("kind", "path", "url", "model", "api_key", "api_key_env",
            "context_window", "gpu_layers", "threads", "max_output_tokens", "timeout_seconds");

    public ModelSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        checkName(name);
        location = location == null || location.isBlank() ? kind.defaultUrl() : location.strip();
        model = model == null ? "" : model.strip();
        apiKeyEnv = apiKeyEnv == null || apiKeyEnv.isBlank() ? kind.defaultKeyEnv() : apiKeyEnv.strip();
        if (apiKey != null && apiKey.isBlank()) apiKey = null;
        timeout = timeout == null || timeout.isZero() ? Duration.ofMinutes(5) : timeout;
        if (kind == Kind.LLAMA_CPP && location.isEmpty()) {
            throw new ConfigException("model '" + name + "' (llama.cpp) needs a path to a .gguf file",
                    "add path = \"/path/to/model.gguf\" to its section, or use clay models add");
        }
        if (kind != Kind.LLAMA_CPP && !location.matches("https?://.+")) {
            throw new ConfigException("model '" + name + "' has url '" + location + "', which is not an http(s) URL",
                    "use e.g. " + (kind.defaultUrl().isEmpty() ? "http://127.0.0.1:8080/v1" : kind.defaultUrl()));
        }
        if ((kind == Kind.ANTHROPIC || kind == Kind.OPENAI || kind == Kind.OLLAMA) && model.isEmpty()) {
            throw new ConfigException("model '" + name + "' (" + kind.id() + ") needs a model id",
                    "add model = \"...\" to its section, e.g. " + switch (kind) {
                        case ANTHROPIC -> "claude-sonnet-4-5";
                        case OPENAI -> "gpt-4o-mini";
                        default -> "qwen2.5:1.5b";
                    });
        }
        if (contextWindow < 0 || gpuLayers < -1 || threads < 0 || maxOutputTokens < 0 || timeout.isNegative()) {
            throw new ConfigException("model '" + name + "' has a negative number in its settings",
                    "context_window, threads, max_output_tokens, timeout_seconds must be >= 0; gpu_layers >= -1");
        }
    }

    /**
     * Checks a model name before anything is named after it (a file, a configuration section): letters, digits,
     * {@code .}, {@code _} and {@code -}, up to 64, starting with a letter or digit, so no {@code /}, no {@code ..}
     * and no control characters.
     *
     * @throws ConfigException naming the bad name and what a good one looks like
     */
    public static String checkName(String name) {
        if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}") || name.contains("..")) {
            String shown = name == null ? "" : name.replaceAll("\\p{Cntrl}", "?");
            throw new ConfigException("bad model name '" + shown + "'",
                    "use letters, digits, '.', '_' or '-' (up to 64), starting with a letter or digit, e.g. qwen-1.5b");
        }
        return name;
    }

    public static ModelSpec llamaCpp(String name, java.nio.file.Path gguf) {
        return new ModelSpec(name, Kind.LLAMA_CPP, gguf.toString(), "", null, "", 0, -1, 0, 0, null);
    }

    public static ModelSpec server(String name, Kind kind, String url, String model) {
        return new ModelSpec(name, kind, url, model, null, "", 0, -1, 0, 0, null);
    }

    /**
     * From a configuration section's key/value pairs ({@code kind}, {@code path} or {@code url}, {@code model},
     * {@code api_key}, {@code api_key_env}, {@code context_window}, {@code gpu_layers}, {@code threads},
     * {@code max_output_tokens}, {@code timeout_seconds}); values may be strings or numbers.
     *
     * @throws ConfigException naming the model and the key when a value is unknown or malformed
     */
    public static ModelSpec of(String name, Map<String, ?> settings) {
        for (String key : settings.keySet()) {
            if (!KEYS.contains(key)) {
                throw new ConfigException("model '" + name + "' has an unknown setting '" + key + "'",
                        "known settings: " + String.join(", ", KEYS.stream().sorted().toList()));
            }
        }
        Object kind = settings.get("kind");
        Kind k = kind == null ? (settings.containsKey("path") ? Kind.LLAMA_CPP : Kind.OPENAI_COMPATIBLE)
                : Kind.parse(kind.toString());
        String location = str(settings.get(k == Kind.LLAMA_CPP ? "path" : "url"));
        if (k == Kind.LLAMA_CPP && location != null && location.startsWith("~/"))
            location = System.getProperty("user.home") + location.substring(1);
        return new ModelSpec(name, k, location, str(settings.get("model")), str(settings.get("api_key")),
                str(settings.get("api_key_env")), num(name, settings, "context_window", 0),
                num(name, settings, "gpu_layers", -1), num(name, settings, "threads", 0),
                num(name, settings, "max_output_tokens", 0),
                Duration.ofSeconds(num(name, settings, "timeout_seconds", 0)));
    }

    /** The settings that {@link #of} reads back, without a literal API key (for listings and files). */
    public Map<String, Object> settings() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", kind.id());
        m.put(kind == Kind.LLAMA_CPP ? "path" : "url", location);
        if (!model.isEmpty()) m.put("model", model);
        if (!apiKeyEnv.isEmpty() && !apiKeyEnv.equals(kind.defaultKeyEnv())) m.put("api_key_env", apiKeyEnv);
        if (contextWindow > 0) m.put("context_window", contextWindow);
        if (gpuLayers != -1) m.put("gpu_layers", gpuLayers);
        if (threads > 0) m.put("threads", threads);
        if (maxOutputTokens > 0) m.put("max_output_tokens", maxOutputTokens);
        if (!timeout.equals(Duration.ofMinutes(5))) m.put("timeout_seconds", timeout.toSeconds());
        return m;
    }

    /**
     * Turns a host name into the addresses it stands for; {@link #SYSTEM} asks the operating system (hosts file, DNS).
     * Tests inject their own so that no name is ever looked up on the network.
     */
    @FunctionalInterface
    public interface Resolver {
        Resolver SYSTEM = host -> List.of(InetAddress.getAllByName(host));

        /** Every address of {@code host}; throws when it has none. */
        List<InetAddress> resolve(String host) throws UnknownHostException;
    }

    /**
     * True when prompts stay on this machine: an embedded GGUF, or a server kind whose URL's host resolves only to
     * loopback addresses. The decision is taken on the resolved addresses, never on how the name looks:
     * {@code 127.0.0.1.evil.example} is whatever DNS says it is, and a LAN or remote server counts as cloud, so its
     * traffic passes the cloud proxy like any cloud's. A host that does not resolve counts as cloud.
     */
    public boolean local() {
        return local(Resolver.SYSTEM);
    }

    /** {@link #local()} with the given resolver. */
    public boolean local(Resolver resolver) {
        if (kind == Kind.LLAMA_CPP) return true;
        if (!kind.local()) return false;
        String host;
        try {
            host = java.net.URI.create(location).getHost();
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (host == null || host.isEmpty()) return false;
        if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
        try {
            List<InetAddress> addresses = literal(host) ? List.of(InetAddress.getByName(host)) : resolver.resolve(host);
            return !addresses.isEmpty() && addresses.stream().allMatch(InetAddress::isLoopbackAddress);
        } catch (UnknownHostException | SecurityException e) {
            return false;
        }
    }

    /** An IP address written out (IPv4 dotted quad or IPv6), which {@link InetAddress#getByName} parses without a lookup. */
    private static boolean literal(String host) {
        return host.contains(":") || host.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    }

    /** The API key: the literal one, else the environment variable's value. */
    public Optional<String> resolveApiKey(Map<String, String> env) {
        if (apiKey != null) return Optional.of(apiKey);
        if (apiKeyEnv.isEmpty()) return Optional.empty();
        String v = env.get(apiKeyEnv);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.strip());
    }

    public ModelSpec withContextWindow(int tokens) {
        return new ModelSpec(name, kind, location, model, apiKey, apiKeyEnv, tokens, gpuLayers, threads,
                maxOutputTokens, timeout);
    }

    public ModelSpec withApiKey(@Nullable String key) {
        return new ModelSpec(name, kind, location, model, key, apiKeyEnv, contextWindow, gpuLayers, threads,
                maxOutputTokens, timeout);
    }

    public ModelSpec withTimeout(Duration t) {
        return new ModelSpec(name, kind, location, model, apiKey, apiKeyEnv, contextWindow, gpuLayers, threads,
                maxOutputTokens, t);
    }

    @Override
    public String toString() {
        return "ModelSpec[" + name + ", " + kind.id() + ", " + location + (model.isEmpty() ? "" : ", " + model)
                + (apiKey != null ? ", api_key=***" : "") + "]";
    }

    private static @Nullable String str(@Nullable Object v) {
        return v == null ? null : v.toString();
    }

    private static int num(String name, Map<String, ?> s, String key, int dflt) {
        Object v = s.get(key);
        if (v == null) return dflt;
        if (v instanceof Number n) return n.intValue();
        try {
            return Integer.parseInt(v.toString().trim());
        } catch (NumberFormatException e) {
            throw new ConfigException("model '" + name + "': " + key + " = '" + v + "' is not a whole number",
                    "write a number, e.g. " + key + " = " + Math.max(dflt, 0));
        }
    }
}
