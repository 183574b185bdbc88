package clay.memory.patterns;

/**
 * Something Clay could offer to do. It is shown to the user and never acted on without their say.
 *
 * @param text what to show ("Good morning. Continue the HB302 letter?")
 * @param intent the intent accepting it would start
 * @param subject what it is about ("the HB302 letter"); empty when unknown
 * @param reason why it is suggested, for "why?"
 * @param confidence 0..1
 */
public record Suggestion(String text, String intent, String subject, String reason, double confidence) {}
