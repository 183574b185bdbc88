package clay.core;

import java.util.Optional;

/**
 * Root of every error Clay reports to a user. Each carries a message saying what went wrong and, where one exists,
 * a {@link #fix()} saying what to do about it. The CLI prints both and exits non-zero; the API turns them into a JSON
 * error body. Subclasses say whether retrying can help ({@link #retriable()}).
 */
public class ClayException extends RuntimeException {
    private final String fix;

    public ClayException(String message) {
        this(message, null, null);
    }

    public ClayException(String message, String fix) {
        this(message, fix, null);
    }

    public ClayException(String message, String fix, Throwable cause) {
        super(message, cause);
        this.fix = fix;
    }

    /** What the user can do about it, if Clay knows. */
    public Optional<String> fix() {
        return Optional.ofNullable(fix);
    }

    /** Whether the same request may succeed later without a change (rate limits, overload, timeouts). */
    public boolean retriable() {
        return false;
    }

    /** A short machine-readable kind, used as the {@code error.type} of API error bodies. */
    public String kind() {
        return "clay_error";
    }
}
