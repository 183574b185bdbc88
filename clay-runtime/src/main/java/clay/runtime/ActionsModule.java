package clay.runtime;

import clay.core.InvalidInputException;
import clay.runtime.api.ApiServer;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * Answers destructive actions waiting for the user's yes ({@link Confirmations}): {@code GET /api/actions} lists them,
 * {@code POST /api/actions/{id}} with {@code {"answer":"yes"}} (or {@code "no"}) runs or drops one and returns the
 * action's reply. The canvas's confirmation surface answers through the {@code confirm_action} skill; the approval
 * desk lists them as kind {@code action}.
 */
final class ActionsModule implements RuntimeModule {
    static final String CONFIRM_INTENT = "confirm_action";
    private Confirmations confirmations;

    @Override
    public String name() {
        return "actions";
    }

    @Override
    public void start(RuntimeContext ctx) {
        confirmations = ctx.assistant().confirmations();
        ctx.service(ApprovalDesk.class).ifPresent(d -> d.add(confirmations));
        ctx.skills().register(CONFIRM_INTENT, r -> confirmations.answer(String.valueOf(r.intent().parameters().get("id")),
                "yes".equals(r.intent().parameters().get("answer"))));
    }

    @Override
    public void routes(ApiRoutes api) {
        api.get("/api/actions", c -> c.json(Map.of("pending", confirmations.pending())));
        api.post("/api/actions/{id}", c -> {
            JsonNode body;
            try {
                body = ApiServer.JSON.readTree(c.body().isBlank() ? "{}" : c.body());
            } catch (Exception e) {
                throw new InvalidInputException("request body is not JSON", "send {\"answer\":\"yes\"} or {\"answer\":\"no\"}");
            }
            if (!body.has("answer") && !body.has("approve") && !body.has("decision")) {
                throw new InvalidInputException("say yes or no", "send {\"answer\":\"yes\"} or {\"answer\":\"no\"}");
            }
            c.json(ApiServer.replyJson(confirmations.answer(c.pathParam("id"), Confirmations.yes(body))));
        });
    }
}
