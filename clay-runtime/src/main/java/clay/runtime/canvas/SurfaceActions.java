package clay.runtime.canvas;

import clay.canvas.factory.SurfaceDraft;
import clay.canvas.spec.Specs;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * What a surface's buttons and forms may do. Surfaces come from templates, from models and from {@code ui:surface}
 * programs, so a button is not the user's word: an intent runs at a click only when {@link #runsAtAClick} allows it
 * (the canvas allows the intents its catalog marks read-only). Anything else is turned into a confirmation surface that names the intent and its
 * parameters; it runs only when the user presses that surface's own button, which carries a one-time ticket no other
 * surface can know.
 */
public final class SurfaceActions {
    static final String CONFIRM = "confirm_surface_action";
    static final String CANCEL = "cancel_surface_action";
    private static final Duration TTL = Duration.ofMinutes(10);
    private static final int MAX_PENDING = 32;

    private final Predicate<String> runsAtAClick;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();

    /** An action waiting for the user's yes, bound to the canvas session that showed it. */
    record Pending(String session, String intent, Map<String, Object> parameters, Instant expires) {}

    public SurfaceActions(Predicate<String> runsAtAClick) {
        this(runsAtAClick, Clock.systemUTC());
    }

    SurfaceActions(Predicate<String> runsAtAClick, Clock clock) {
        this.runsAtAClick = runsAtAClick;
        this.clock = clock;
    }

    public boolean runsAtAClick(String intent) {
        return runsAtAClick.test(intent);
    }

    /** Holds {@code intent} for the user's confirmation and returns the surface that asks for it. */
    SurfaceDraft ask(String session, String intent, Map<String, Object> parameters) {
        Instant now = clock.instant();
        pending.values().removeIf(p -> p.expires().isBefore(now));
        if (pending.size() >= MAX_PENDING) pending.clear(); // a flood of requests: none of them is what the user asked for
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        String ticket = HexFormat.of().formatHex(bytes);
        pending.put(ticket, new Pending(session, intent, Map.copyOf(parameters), now.plus(TTL)));
        String shown;
        try {
            shown = Specs.json().writeValueAsString(parameters);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            shown = String.valueOf(parameters);
        }
        if (shown.length() > 2000) shown = shown.substring(0, 1999) + "…";
        Specs.Builder b = Specs.surface("Run “" + intent + "”?").related("confirm");
        b.add(Specs.container("root", "stack", List.of("h", "what", "params", "yes", "no")));
        b.add(Specs.component("h", "heading").put("level", 2).put("text", "A surface asks Clay to run “" + intent + "”"));
        b.add(Specs.component("what", "text").put("text", "Buttons on surfaces can come from generated programs and model answers, "
                + "so Clay asks before anything that changes, runs or sends. Run it only if you asked for it. Parameters:"));
        b.add(Specs.component("params", "text").put("text", shown));
        b.add(button("yes", "Run " + intent, "primary", CONFIRM, ticket));
        b.add(button("no", "Cancel", "secondary", CANCEL, ticket));
        return new SurfaceDraft(b.build(), Specs.json().createObjectNode().put("kind", "confirm"));
    }

    /** The action the user confirmed with {@code ticket} on {@code session}; each ticket works once. */
    Optional<Pending> take(String session, String ticket) {
        Pending p = pending.remove(ticket == null ? "" : ticket);
        if (p == null || !p.session().equals(session) || p.expires().isBefore(clock.instant())) return Optional.empty();
        return Optional.of(p);
    }

    private static ObjectNode button(String id, String label, String style, String intent, String ticket) {
        ObjectNode c = Specs.component(id, "button").put("label", label).put("style", style);
        c.putObject("action").put("intent", intent).putObject("parameters").put("ticket", ticket);
        return c;
    }
}
