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
 * becomes an error surface), or its text when it has none. Button and form actions go straight to the intent's skill.
 * Work runs on a virtual thread so a slow model never blocks the socket.
 */
final class AssistantIntents implements IntentSink {
    private final RuntimeContext ctx;

    AssistantIntents(RuntimeContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void utterance(CanvasSession session, String text) {
        Thread.ofVirtual().name("canvas-utterance").start(() -> answer(session, text,
                () -> ctx.assistant().ask(new Utterance(text, Source.TEXT, Instant.now()), Assistant.Options.defaults(), t -> {}, () -> false)));
    }

    @Override
    public void action(CanvasSession session, String surfaceId, String intent, JsonNode parameters) {
        Thread.ofVirtual().name("canvas-action").start(() -> answer(session, intent.replace('_', ' '), () -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> params = parameters != null && parameters.isObject() ? Specs.json().convertValue(parameters, Map.class) : Map.of();
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
