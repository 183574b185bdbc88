package clay.sandbox.approval;

import clay.core.InvalidInputException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The approver behind the canvas: {@link #decide} parks the request where {@link #pending()} lists it (the API's
 * {@code GET /api/approvals}) until {@link #answer} is called ({@code POST /api/approvals/{id}}) or the wait times out,
 * which counts as {@link Decision#NEVER} for this attempt only.
 */
public final class PendingApprovals implements Approver {
    private record Waiting(ApprovalRequest request, CompletableFuture<Decision> answer) {}

    private final Map<String, Waiting> waiting = new ConcurrentHashMap<>();
    private final Duration timeout;

    public PendingApprovals(Duration timeout) {
        this.timeout = timeout;
    }

    @Override
    public Decision decide(ApprovalRequest request) {
        Waiting w = new Waiting(request, new CompletableFuture<>());
        waiting.put(request.id(), w);
        try {
            return w.answer().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            return Decision.NEVER;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Decision.NEVER;
        } finally {
            waiting.remove(request.id());
        }
    }

    /** Requests waiting for an answer, oldest first. */
    public List<ApprovalRequest> pending() {
        return waiting.values().stream().map(Waiting::request)
                .sorted(java.util.Comparator.comparing(ApprovalRequest::asked)).toList();
    }

    /** Answers a waiting request; throws {@link InvalidInputException} when no request has that id. */
    public void answer(String id, Decision decision) {
        Waiting w = waiting.get(id);
        if (w == null) throw new InvalidInputException("no pending approval " + id, "list them with GET /api/approvals");
        w.answer().complete(decision);
    }
}
