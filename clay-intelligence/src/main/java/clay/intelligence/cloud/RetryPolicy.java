package clay.intelligence.cloud;

import clay.core.ClayException;
import clay.core.InvalidInputException;
import java.time.Duration;

/**
 * Bounded retries of retriable failures (429, 529, 503, timeouts, unreachable): at most {@code attempts} tries in
 * all; waits what the server's {@code retry-after} says, else {@code backoff} doubling; never waits longer than
 * {@code maxWait} at once — a longer retry-after fails at once with the server's wait in the message.
 */
public record RetryPolicy(int attempts, Duration backoff, Duration maxWait) {
    public RetryPolicy {
        if (attempts < 1) throw new InvalidInputException("attempts must be >= 1, was " + attempts);
        if (backoff.isNegative() || maxWait.isNegative())
            throw new InvalidInputException("backoff and maxWait must not be negative");
    }

    public static RetryPolicy defaults() {
        return new RetryPolicy(3, Duration.ofSeconds(1), Duration.ofSeconds(30));
    }

    public static RetryPolicy none() {
        return new RetryPolicy(1, Duration.ZERO, Duration.ZERO);
    }

    /** How long to wait before attempt {@code attempt + 1} after {@code error}, or -1 to give up. */
    long delayMillis(ClayException error, int attempt) {
        if (!error.retriable() || attempt >= attempts) return -1;
        Duration wait = error instanceof CloudException ce && ce.retryAfter().isPresent()
                ? ce.retryAfter().get() : backoff.multipliedBy(1L << Math.min(attempt - 1, 16));
        return wait.compareTo(maxWait) > 0 ? -1 : wait.toMillis();
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClayException("interrupted while waiting to retry", null);
        }
    }
}
