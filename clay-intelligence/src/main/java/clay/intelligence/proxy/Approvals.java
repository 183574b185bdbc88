package clay.intelligence.proxy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Cloud requests waiting for the user's yes or no. A request that policy marks "ask" is shown here exactly as it
 * would leave (after redaction); the calling thread waits until {@link #answer} is called (from the canvas through
 * the API, or from {@code clay proxy approve}) or the timeout passes, which counts as "no".
 */
public final class Approvals {

    /**
     * One waiting request.
     *
     * @param id what {@link #answer} takes
     * @param created when it started waiting
     * @param expires when silence becomes "no"
     * @param model the cloud model it is for
     * @param intent the intent that caused it
     * @param reason why the router chose the cloud
     * @param outgoing exactly the text that would leave, message by message
     * @param redacted classes and counts of what was replaced
     */
    public record Pending(String id, Instant created, Instant expires, String model, String intent, String reason,
            String outgoing, Map<String, Integer> redacted) {}

    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Boolean>> answers = new ConcurrentHashMap<>();
    private final List<Consumer<Pending>> listeners = new CopyOnWriteArrayList<>();

    /** Called with each new pending request (the runtime pushes it to the canvas). */
    public void onPending(Consumer<Pending> listener) {
        listeners.add(listener);
    }

    public List<Pending> pending() {
        List<Pending> out = new ArrayList<>(pending.values());
        out.sort(Comparator.comparing(Pending::created));
        return out;
    }

    public Optional<Pending> get(String id) {
        return Optional.ofNullable(pending.get(id));
    }

    /** Answers a pending request; false when no request with that id is waiting (answered or timed out). */
    public boolean answer(String id, boolean approve) {
        CompletableFuture<Boolean> f = answers.get(id);
        return f != null && f.complete(approve);
    }

    /** Registers a request and blocks until it is answered; true only for an explicit yes within {@code timeout}. */
    boolean await(String model, String intent, String reason, String outgoing, Map<String, Integer> redacted, Duration timeout) {
        Instant now = Instant.now();
        Pending p = new Pending(UUID.randomUUID().toString().substring(0, 8), now, now.plus(timeout), model, intent, reason,
                outgoing, Map.copyOf(redacted));
        CompletableFuture<Boolean> f = new CompletableFuture<>();
        answers.put(p.id(), f);
        pending.put(p.id(), p);
        try {
            for (Consumer<Pending> l : listeners) {
                try {
                    l.accept(p);
                } catch (RuntimeException ignored) {
                    // a failing listener must not approve or block anything
                }
            }
            return f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            f.complete(false);
            pending.remove(p.id());
            answers.remove(p.id());
        }
    }
}
