package clay.intelligence.route;

import clay.core.Route;
import clay.intelligence.intent.IntentKind;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Decides where a request is thought about, logs the decision and says why. The default table (the seed's): offline
 * skills need no model; privacy-sensitive or simple work stays local; long context (beyond the local window) or deep
 * reasoning goes to the cloud; drafts are hybrid (local draft, cloud polish); code is local first, verified, and
 * escalated only when the check fails; offline means local only, said plainly. The user's policy then applies: never
 * cloud turns every cloud route local, ask-first marks it for approval, an exhausted budget keeps it local.
 *
 * <pre>{@code
 * Router router = new Router(RoutePolicy.defaults(), DecisionLog.inMemory(), Clock.systemUTC());
 * RouteDecision d = router.decide(RouteRequest.of("debug_code", IntentKind.CODE), availability);
 * }</pre>
 */
public final class Router {
    /** Difficulty at or above which reasoning goes to the cloud. */
    static final double HARD = 0.7;

    private volatile RoutePolicy policy;
    private final DecisionLog log;
    private final Clock clock;

    public Router(RoutePolicy policy, DecisionLog log, Clock clock) {
        this.policy = policy;
        this.log = log;
        this.clock = clock;
    }

    public RoutePolicy policy() {
        return policy;
    }

    public void policy(RoutePolicy p) {
        this.policy = p;
    }

    public DecisionLog log() {
        return log;
    }

    public RouteDecision decide(RouteRequest req, Availability av) {
        long t0 = System.nanoTime();
        List<String> why = new ArrayList<>();
        Route route = table(req, av, why);
        route = applyPolicy(route, req, av, why);
        route = applyAvailability(route, req, av, why);
        boolean approval = policy.cloud() == RoutePolicy.CloudUse.ASK && usesCloud(route)
                || req.sensitive() && usesCloud(route);
        if (req.sensitive() && usesCloud(route)) why.add("sensitive data would leave this machine: ask first");
        Optional<String> model = switch (route) {
            case Route.None n -> Optional.empty();
            case Route.Cloud c -> av.cloudModel();
            default -> av.localModel();
        };
        long micros = (System.nanoTime() - t0) / 1000;
        return log.record(new RouteDecision(log.nextId(), clock.instant(), req.intent(), route, why, model, approval, micros,
                Optional.empty(), Optional.empty()));
    }

    private Route table(RouteRequest req, Availability av, List<String> why) {
        if (req.kind() == IntentKind.OFFLINE) {
            why.add(req.intent() + " is answered by an offline skill");
            return new Route.None("offline skill, no model needed");
        }
        if (req.sensitive()) {
            why.add("privacy: " + (req.sensitiveWhy().isEmpty() ? "personal data" : req.sensitiveWhy()) + " stays on this machine");
            return new Route.Local("privacy-sensitive: stays local");
        }
        int limit = (int) (av.localWindow() * policy.localWindowShare());
        if (av.hasLocal() && req.contextTokens() > limit) {
            why.add("long context: " + req.contextTokens() + " tokens exceed " + limit + " of the local model's "
                    + av.localWindow() + "-token window");
            return new Route.Cloud("long context");
        }
        switch (req.kind()) {
            case CODE -> {
                why.add("code: the local model writes it, a check verifies it, only a failed check goes to the cloud");
                return new Route.LocalThenEscalate("code: local first, verified");
            }
            case DRAFT -> {
                why.add("draft: the local model drafts, the cloud model polishes");
                return new Route.Hybrid("draft: local draft, cloud polish");
            }
            case REASONING -> {
                if (req.difficulty() >= HARD) {
                    why.add(String.format(java.util.Locale.ROOT, "deep reasoning: estimated difficulty %.2f", req.difficulty()));
                    return new Route.Cloud("deep reasoning");
                }
                why.add(String.format(java.util.Locale.ROOT, "moderate reasoning (difficulty %.2f): the local model can try", req.difficulty()));
                return new Route.LocalThenEscalate("reasoning: local first");
            }
            default -> {
                if (req.difficulty() >= HARD) {
                    why.add(String.format(java.util.Locale.ROOT, "hard request: estimated difficulty %.2f", req.difficulty()));
                    return new Route.Cloud("hard request");
                }
                why.add("simple: the local model is enough");
                return new Route.Local("simple: local");
            }
        }
    }

    private Route applyPolicy(Route route, RouteRequest req, Availability av, List<String> why) {
        if (!usesCloud(route)) return route;
        if (policy.cloud() == RoutePolicy.CloudUse.NEVER) {
            why.add("your policy is never-cloud");
            return new Route.Local("local only: your policy is never-cloud");
        }
        if (policy.budgetExhausted()) {
            why.add(String.format(java.util.Locale.ROOT, "cloud budget used up (%.2f of %.2f USD this month)",
                    policy.spentUsd(), policy.monthlyBudgetUsd()));
            return new Route.Local("local only: cloud budget used up");
        }
        return route;
    }

    private Route applyAvailability(Route route, RouteRequest req, Availability av, List<String> why) {
        if (route instanceof Route.None) return route;
        if (!av.hasLocal() && !av.cloudReachable()) {
            why.add(av.cloudModel().isPresent() ? "offline and no local model" : "no model is configured");
            return new Route.None(av.cloudModel().isPresent()
                    ? "offline and no local model: only offline skills work"
                    : "no model configured: only offline skills work");
        }
        if (usesCloud(route) && !av.cloudReachable()) {
            why.add(av.cloudModel().isPresent() ? "offline: the cloud cannot be reached, using the local model only"
                    : "no cloud model configured: using the local model only");
            return new Route.Local(av.cloudModel().isPresent() ? "offline: local only" : "local only: no cloud model");
        }
        if (!av.hasLocal() && !(route instanceof Route.Cloud)) {
            why.add("no local model: the cloud model does it");
            return new Route.Cloud("no local model");
        }
        return route;
    }

    static boolean usesCloud(Route r) {
        return r instanceof Route.Cloud || r instanceof Route.Hybrid || r instanceof Route.LocalThenEscalate;
    }
}
