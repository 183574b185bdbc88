package clay.intelligence.route;

import clay.core.Route;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs a {@link Route.LocalThenEscalate} decision: the local answer is checked; a passing one is returned, a failing
 * one goes to the cloud with the failure attached (so the cloud model knows what went wrong), and the outcome is
 * written to the decision log. Without a reachable cloud the failed local answer is returned, marked as failed.
 */
public final class VerifiedEscalation {
    /**
     * What came out.
     *
     * @param answer the answer to use
     * @param escalated whether the cloud produced it
     * @param failure the failed check of the local answer, if it failed
     * @param decision the decision with its outcome
     */
    public record Result(String answer, boolean escalated, Optional<String> failure, RouteDecision decision) {}

    private final DecisionLog log;

    public VerifiedEscalation(DecisionLog log) {
        this.log = log;
    }

    /**
     * @param decision the router's decision (any route; only local-then-escalate escalates)
     * @param local produces the local answer
     * @param checker verifies it
     * @param cloud given the failure, produces the cloud answer; empty when the cloud cannot be used
     */
    public Result run(RouteDecision decision, Supplier<String> local, Checker checker,
            Optional<Function<String, String>> cloud) {
        long t0 = System.nanoTime();
        String answer = local.get();
        Checker.Check check = checker.check(answer);
        if (check.passed()) {
            return new Result(answer, false, Optional.empty(), done(decision, "local answer passed its check", t0));
        }
        boolean mayEscalate = decision.route() instanceof Route.LocalThenEscalate && cloud.isPresent();
        if (!mayEscalate) {
            String why = decision.route() instanceof Route.LocalThenEscalate ? "no cloud available" : "route does not escalate";
            return new Result(answer, false, Optional.of(check.failure()),
                    done(decision, "local answer failed its check (" + check.failure() + "); not escalated: " + why, t0));
        }
        String escalated = cloud.get().apply(check.failure());
        Checker.Check second = checker.check(escalated);
        String outcome = "escalated to cloud because the local answer failed its check: " + check.failure()
                + (second.passed() ? "; cloud answer passed" : "; cloud answer also failed: " + second.failure());
        return new Result(escalated, true, Optional.of(check.failure()), done(decision, outcome, t0));
    }

    private RouteDecision done(RouteDecision d, String outcome, long t0) {
        double ms = (System.nanoTime() - t0) / 1e6;
        return log.complete(d.id(), outcome, ms).orElse(d.withOutcome(outcome, ms));
    }
}
