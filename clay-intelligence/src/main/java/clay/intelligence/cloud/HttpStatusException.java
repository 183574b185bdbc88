package clay.intelligence.cloud;

import dev.langchain4j.exception.HttpException;
import java.time.Duration;
import java.util.Optional;

/** A non-2xx HTTP answer, keeping what LangChain4j's {@link HttpException} drops: the {@code retry-after} header. */
public final class HttpStatusException extends HttpException {
    private final String body;
    private final Duration retryAfter;

    public HttpStatusException(int status, String body, Duration retryAfter) {
        super(status, body);
        this.body = body;
        this.retryAfter = retryAfter;
    }

    public String body() {
        return body;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** Parses a {@code retry-after} value in seconds (HTTP dates are treated as absent); null when unusable. */
    static Duration parseRetryAfter(String value) {
        if (value == null) return null;
        try {
            double seconds = Double.parseDouble(value.trim());
            return seconds >= 0 ? Duration.ofMillis((long) (seconds * 1000)) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
