package clay.intelligence.route;

import clay.intelligence.intent.IntentKind;
import java.util.Objects;

/**
 * What the router knows about one request.
 *
 * @param intent the intent name
 * @param kind what kind of work it is
 * @param difficulty estimated difficulty 0..1 ({@link Difficulty#estimate})
 * @param contextTokens tokens the assembled context takes
 * @param sensitive whether it involves personal data or files marked private
 * @param sensitiveWhy what makes it sensitive, for the explanation
 */
public record RouteRequest(String intent, IntentKind kind, double difficulty, int contextTokens, boolean sensitive,
        String sensitiveWhy) {
    public RouteRequest {
        Objects.requireNonNull(intent, "intent");
        Objects.requireNonNull(kind, "kind");
        difficulty = Math.max(0, Math.min(1, difficulty));
        contextTokens = Math.max(0, contextTokens);
        sensitiveWhy = sensitiveWhy == null ? "" : sensitiveWhy;
    }

    public static RouteRequest of(String intent, IntentKind kind) {
        return new RouteRequest(intent, kind, 0.3, 0, kind == IntentKind.PERSONAL, kind == IntentKind.PERSONAL ? "personal data" : "");
    }

    public RouteRequest withContextTokens(int tokens) {
        return new RouteRequest(intent, kind, difficulty, tokens, sensitive, sensitiveWhy);
    }

    public RouteRequest withDifficulty(double d) {
        return new RouteRequest(intent, kind, d, contextTokens, sensitive, sensitiveWhy);
    }

    public RouteRequest withSensitive(String why) {
        return new RouteRequest(intent, kind, difficulty, contextTokens, true, why);
    }
}
