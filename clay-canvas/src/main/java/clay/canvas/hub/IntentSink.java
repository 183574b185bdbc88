package clay.canvas.hub;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Where the canvas sends what the user asks for: lines typed in the input and actions from buttons and forms. The
 * runtime routes them to the intent parser and skills, which answer by showing surfaces on the session.
 */
public interface IntentSink {

    void utterance(CanvasSession session, String text);

    void action(CanvasSession session, String surfaceId, String intent, JsonNode parameters);

    /** Tells the user no handler is attached, as an error surface. */
    IntentSink NONE = new IntentSink() {
        @Override
        public void utterance(CanvasSession session, String text) {
            session.showError("Nothing handles requests yet", java.util.List.of("The canvas is not connected to a runtime: '" + text + "' was not handled."));
        }

        @Override
        public void action(CanvasSession session, String surfaceId, String intent, JsonNode parameters) {
            session.showError("Nothing handles actions yet", java.util.List.of("Action '" + intent + "' was not handled."));
        }
    };
}
