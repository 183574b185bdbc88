package clay.memory.episodic;

import clay.core.InvalidInputException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One exchange between the user and Clay, as memory keeps it.
 *
 * @param at when the user asked
 * @param utterance what the user said
 * @param intent the intent it was understood as ({@code out_of_scope} when none)
 * @param route how it was answered ({@code LOCAL}, {@code CLOUD}, ...)
 * @param result Clay's answer text (may be empty)
 * @param surfaces ids or titles of the surfaces shown
 * @param files paths of files read or written
 * @param subject what it was about, in words ("the HB302 letter"); empty when unknown
 */
public record Interaction(Instant at, String utterance, String intent, String route, String result,
        List<String> surfaces, List<String> files, String subject) {
    public Interaction {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(utterance, "utterance");
        if (utterance.isBlank()) throw new InvalidInputException("an interaction needs the utterance", "pass what the user said");
        intent = intent == null || intent.isBlank() ? "out_of_scope" : intent;
        route = route == null ? "" : route;
        result = result == null ? "" : result;
        surfaces = List.copyOf(surfaces);
        files = List.copyOf(files);
        subject = subject == null ? "" : subject.strip();
    }

    public static Interaction of(Instant at, String utterance, String intent, String result) {
        return new Interaction(at, utterance, intent, "", result, List.of(), List.of(), "");
    }

    public Interaction withSubject(String subject) {
        return new Interaction(at, utterance, intent, route, result, surfaces, files, subject);
    }

    /** The text embedded for search by meaning. */
    String searchText() {
        String r = result.length() > 400 ? result.substring(0, 400) : result;
        return (subject.isEmpty() ? "" : subject + ". ") + utterance + (r.isEmpty() ? "" : " — " + r);
    }
}
