package clay.intelligence.cloud;

import clay.core.ModelUnavailableException;
import java.time.Duration;
import java.util.Optional;

/**
 * A model server or cloud refused or failed a request. {@link #status()} is the HTTP status (0 when the server was
 * not reached), {@link #retryAfter()} what the server asked us to wait, and {@link #kind()} one of
 * {@code bad_api_key}, {@code rate_limited}, {@code overloaded}, {@code model_unavailable}, {@code bad_response}.
 */
public final class CloudException extends ModelUnavailableException {
    private final String kind;
    private final int status;
    private final Duration retryAfter;

    public CloudException(String kind, int status, String message, String fix, boolean retriable, Duration retryAfter,
            Throwable cause) {
        super(message, fix, retriable, cause);
        this.kind = kind;
        this.status = status;
        this.retryAfter = retryAfter;
    }

    @Override
    public String kind() {
        return kind;
    }

    public int status() {
        return status;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
