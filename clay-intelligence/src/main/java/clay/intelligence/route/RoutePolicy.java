package clay.intelligence.route;

import clay.core.InvalidInputException;
import java.util.Locale;

/**
 * The user's rules for the cloud, read from the {@code route} config section.
 *
 * @param cloud {@code allow}, {@code ask} (ask first, every time) or {@code never}
 * @param monthlyBudgetUsd spending cap for cloud calls; 0 means no cap
 * @param spentUsd spent so far this month
 * @param localWindowShare the share of the local context window a request may fill before it counts as long context
 */
public record RoutePolicy(CloudUse cloud, double monthlyBudgetUsd, double spentUsd, double localWindowShare) {
    /** How freely the cloud may be used. */
    public enum CloudUse { ALLOW, ASK, NEVER;

        public static CloudUse fromWire(String s) {
            return switch (s.toLowerCase(Locale.ROOT)) {
                case "allow", "always", "yes" -> ALLOW;
                case "ask", "ask-first", "ask_first" -> ASK;
                case "never", "never-cloud", "no" -> NEVER;
                default -> throw new InvalidInputException("route.cloud is '" + s + "'", "use allow, ask or never");
            };
        }
    }

    public RoutePolicy {
        if (cloud == null) cloud = CloudUse.ALLOW;
        if (monthlyBudgetUsd < 0 || spentUsd < 0) {
            throw new InvalidInputException("route budget values must not be negative", "set route.monthly_budget_usd to 0 (no cap) or more");
        }
        if (!(localWindowShare > 0 && localWindowShare <= 1)) {
            throw new InvalidInputException("route.local_window_share is " + localWindowShare, "use a number in (0, 1], e.g. 0.75");
        }
    }

    public static RoutePolicy defaults() {
        return new RoutePolicy(CloudUse.ALLOW, 0, 0, 0.75);
    }

    public boolean budgetExhausted() {
        return monthlyBudgetUsd > 0 && spentUsd >= monthlyBudgetUsd;
    }

    public RoutePolicy withCloud(CloudUse use) {
        return new RoutePolicy(use, monthlyBudgetUsd, spentUsd, localWindowShare);
    }

    public RoutePolicy withSpent(double spent) {
        return new RoutePolicy(cloud, monthlyBudgetUsd, spent, localWindowShare);
    }
}
