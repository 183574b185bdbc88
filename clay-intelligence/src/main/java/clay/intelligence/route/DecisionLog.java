package clay.intelligence.route;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every routing decision with its reason, latency and outcome: the most recent ones in memory (for
 * {@code clay ask --explain} and the API) and, when given a file, appended as JSON lines (one line when decided, one
 * when its outcome is known).
 */
public final class DecisionLog {
    private static final Logger LOG = LoggerFactory.getLogger(DecisionLog.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final int capacity;
    private final Optional<Path> file;
    private final Deque<RouteDecision> recent = new ArrayDeque<>();
    private final AtomicLong ids = new AtomicLong();

    public DecisionLog(int capacity, Optional<Path> file) {
        this.capacity = Math.max(1, capacity);
        this.file = file;
    }

    public static DecisionLog inMemory() {
        return new DecisionLog(500, Optional.empty());
    }

    long nextId() {
        return ids.incrementAndGet();
    }

    public synchronized RouteDecision record(RouteDecision d) {
        recent.addLast(d);
        while (recent.size() > capacity) recent.removeFirst();
        append(d);
        return d;
    }

    /** Records what happened to decision {@code id}; returns the updated decision. */
    public synchronized Optional<RouteDecision> complete(long id, String outcome, double latencyMs) {
        List<RouteDecision> all = new ArrayList<>(recent);
        for (int i = all.size() - 1; i >= 0; i--) {
            if (all.get(i).id() == id) {
                RouteDecision done = all.get(i).withOutcome(outcome, latencyMs);
                all.set(i, done);
                recent.clear();
                recent.addAll(all);
                append(done);
                return Optional.of(done);
            }
        }
        return Optional.empty();
    }

    public synchronized Optional<RouteDecision> find(long id) {
        return recent.stream().filter(d -> d.id() == id).findFirst();
    }

    /** The most recent decisions, newest last. */
    public synchronized List<RouteDecision> recent(int n) {
        List<RouteDecision> all = new ArrayList<>(recent);
        return List.copyOf(all.subList(Math.max(0, all.size() - n), all.size()));
    }

    public synchronized Optional<RouteDecision> last() {
        return Optional.ofNullable(recent.peekLast());
    }

    private void append(RouteDecision d) {
        if (file.isEmpty()) return;
        try {
            Files.createDirectories(file.get().getParent());
            Files.writeString(file.get(), JSON.writeValueAsString(d.toMap()) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            LOG.warn("cannot append to decision log {}: {}", file.get(), e.toString());
        }
    }
}
