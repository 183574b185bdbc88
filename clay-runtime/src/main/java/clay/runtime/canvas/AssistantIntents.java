package clay.runtime.canvas;

import clay.canvas.hub.CanvasSession;
import clay.canvas.hub.IntentSink;
import clay.canvas.spec.Specs;
import clay.core.ClayException;
import clay.core.Source;
import clay.core.Utterance;
import clay.runtime.Assistant;
import clay.runtime.RuntimeContext;
import clay.runtime.skill.Reply;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Lines typed on the canvas go to the runtime's assistant; the reply's surfaces are shown (validated; an invalid one
 * becomes an error surface), or its text when it has none. Button and form actions go to the intent's skill when
 * {@link SurfaceActions} lets them run at a click, and otherwise wait for the user's confirmation.
 * Work runs on a virtual thread so a slow model never blocks the socket.
 */
final class AssistantIntents implements IntentSink {
    private static final java.util.regex.Pattern INTENT = java.util.regex.Pattern.compile("[a-z][a-z0-9_]{0,63}");
    private final RuntimeContext ctx;
    private final SurfaceActions actions;

    AssistantIntents(RuntimeContext ctx, SurfaceActions actions) {
        this.ctx = ctx;
        this.actions = actions;
    }

    @Override
    public void utterance(CanvasSession session, String text) {
        Thread.ofVirtual().name("canvas-utterance").start(() -> answer(session, text,
                () -> ctx.assistant().ask(new Utterance(text, Source.TEXT, Instant.now()), Assistant.Options.defaults(), t -> {}, () -> false)));
    }

    /**
     * A surface's button or form. Read-only intents run at once; anything else first shows a confirmation surface (see
     * {@link SurfaceActions}), and runs only when the user presses its button on the same canvas session.
     */
    @Override
    public void action(CanvasSession session, String surfaceId, String intent, JsonNode parameters) {
        @SuppressWarnings("unchecked")
        Map<String, Object> params = parameters != null && parameters.isObject() ? Specs.json().convertValue(parameters, Map.class) : Map.of();
        if (intent.equals(SurfaceActions.CONFIRM) || intent.equals(SurfaceActions.CANCEL)) {
            var confirmed = actions.take(session.name(), String.valueOf(params.get("ticket")));
            if (surfaceId != null && session.surface(surfaceId).isPresent()) session.dismiss(surfaceId);
            if (intent.equals(SurfaceActions.CONFIRM)) {
                if (confirmed.isEmpty()) {
                    session.showError("Nothing to confirm", List.of("That confirmation has expired or was already used; ask again."));
                } else {
                    run(session, confirmed.get().intent(), confirmed.get().parameters());
                }
            }
            return;
        }
        if (!INTENT.matcher(intent).matches()) {
            session.showError("Unknown action", List.of("A surface asked for an action that is not an intent name."));
        } else if (actions.runsAtAClick(intent)) {
            run(session, intent, params);
        } else {
            session.show(actions.ask(session.name(), intent, params));
        }
    }

    private void run(CanvasSession session, String intent, Map<String, Object> params) {
        Thread.ofVirtual().name("canvas-action").start(() -> answer(session, intent.replace('_', ' '), () -> {
            return ctx.assistant().perform(intent, params, t -> {}); // a destructive action still asks first
        }));
    }

    private interface Answer {
        Reply get() throws Exception;
    }

    private static void answer(CanvasSession session, String asked, Answer answer) {
        try {
            Reply reply = answer.get();
            if (reply.data().get("confirm") instanceof Map<?, ?> confirm) {
                session.show(ConfirmationSurface.of(reply.text(), confirm));
            } else if (!reply.surfaces().isEmpty()) {
                reply.surfaces().forEach(session::show);
            } else if (!reply.text().isBlank()) {
                String title = asked.length() > 80 ? asked.substring(0, 79) + "…" : asked;
                session.show(session.factory().build("show_text", Specs.json().createObjectNode().put("title", title).put("text", reply.text()), asked));
            }
        } catch (ClayException e) {
            session.showError(asked.length() > 150 ? asked.substring(0, 149) + "…" : asked, List.of(e.getMessage() + e.fix().map(f -> " — " + f).orElse("")));
        } catch (Exception e) {
            session.showError(asked.length() > 150 ? asked.substring(0, 149) + "…" : asked, List.of("Clay could not answer: " + e));
        }
    }
}
