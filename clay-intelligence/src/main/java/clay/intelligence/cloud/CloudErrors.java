package clay.intelligence.cloud;

import clay.core.ClayException;
import clay.core.InvalidInputException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.TimeoutException;
import java.io.UncheckedIOException;
import java.time.Duration;

/**
 * The one place where failures of model servers and clouds become {@link ClayException}s a user can act on:
 * 401/403 say which key to fix, 429/529/503 are retriable and carry {@code retry-after}, 400 passes the server's
 * own explanation on, unreadable bodies and unreachable servers say so plainly.
 */
public final class CloudErrors {
    private static final ObjectMapper JSON = new ObjectMapper();

    private CloudErrors() {}

    /** Who was being talked to, for messages: a provider name, its kind, its URL and how its key is configured. */
    public record Target(String name, String kind, String url, String keyHint) {}

    public static ClayException map(Throwable error, Target target) {
        if (error instanceof ClayException ce) return ce;
        HttpStatusException status = find(error, HttpStatusException.class);
        if (status != null) return fromStatus(status.statusCode(), status.body(), status.retryAfter().orElse(null),
                target, error);
        HttpException http = find(error, HttpException.class);
        if (http != null) return fromStatus(http.statusCode(), http.getMessage(), null, target, error);
        if (find(error, ClayHttpClient.UnreachableException.class) != null
                || find(error, java.net.ConnectException.class) != null) {
            return new CloudException("model_unavailable", 0, target.name() + ": cannot reach " + target.url(),
                    "check that the server is running and the URL in the model's settings is right", true, null,
                    error);
        }
        if (find(error, TimeoutException.class) != null || find(error, java.net.http.HttpTimeoutException.class) != null) {
            return new CloudException("model_unavailable", 0, target.name() + ": " + target.url() + " timed out",
                    "try again; if it keeps happening raise the model's timeout", true, null, error);
        }
        ClayHttpClient.MalformedStreamException notStream = find(error, ClayHttpClient.MalformedStreamException.class);
        if (notStream != null) {
            return new CloudException("bad_response", 0, target.name() + ": " + notStream.getMessage(),
                    "check that " + target.url() + " speaks the " + target.kind() + " API", false, null, error);
        }
        if (find(error, JsonProcessingException.class) != null || find(error, UncheckedIOException.class) != null
                || error instanceof IllegalArgumentException || error instanceof NullPointerException) {
            return new CloudException("bad_response", 0, target.name() + " (" + target.kind()
                    + ") sent a response Clay cannot read: " + error.getMessage(),
                    "check that " + target.url() + " speaks the " + target.kind() + " API", false, null, error);
        }
        return new CloudException("model_unavailable", 0, target.name() + " failed: " + error,
                "try again, or run with --debug for details", false, null, error);
    }

    static ClayException fromStatus(int status, String body, Duration retryAfter, Target t, Throwable cause) {
        String detail = serverMessage(body);
        String said = detail.isEmpty() ? "" : ": " + detail;
        return switch (status) {
            case 401, 403 -> new CloudException("bad_api_key", status, t.name() + " (" + t.kind()
                    + ") rejected the API key (" + status + ")" + said, "set a valid key: " + t.keyHint(), false,
                    null, cause);
            case 429 -> new CloudException("rate_limited", status, t.name() + " is rate-limiting requests (429)" + said,
                    "wait" + (retryAfter == null ? " a moment" : " " + retryAfter.toSeconds() + " s")
                            + " and try again, or use a local model", true, retryAfter, cause);
            case 503, 529 -> new CloudException("overloaded", status, t.name() + " is overloaded (" + status + ")" + said,
                    "try again shortly, or use a local model", true, retryAfter, cause);
            case 404 -> new CloudException("model_unavailable", status, t.name() + ": not found (404)" + said,
                    "check the model id and the base URL (" + t.url() + ")", false, null, cause);
            case 400, 413, 422 -> new InvalidInputException(t.name() + " refused the request (" + status + ")" + said,
                    "shorten the input or change the request parameters", cause);
            default -> new CloudException("model_unavailable", status, t.name() + " answered HTTP " + status + said,
                    status >= 500 ? "try again later" : "check the model's settings", status >= 500,
                    retryAfter, cause);
        };
    }

    /** The human-readable message inside an OpenAI / Anthropic / Ollama error body, or a trimmed raw body. */
    static String serverMessage(String body) {
        if (body == null || body.isBlank()) return "";
        try {
            JsonNode root = JSON.readTree(body);
            JsonNode error = root.path("error");
            if (error.isTextual()) return error.asText();
            if (error.path("message").isTextual()) return error.path("message").asText();
            if (root.path("message").isTextual()) return root.path("message").asText();
        } catch (JsonProcessingException | RuntimeException ignored) {
            // not JSON: fall through to the raw text
        }
        String flat = body.strip().replaceAll("\\s+", " ");
        return flat.length() > 200 ? flat.substring(0, 200) + "…" : flat;
    }

    private static <T extends Throwable> T find(Throwable error, Class<T> type) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) return type.cast(t);
        }
        return null;
    }
}
