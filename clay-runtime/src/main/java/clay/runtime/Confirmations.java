package clay.runtime;

import clay.core.InvalidInputException;
import clay.runtime.skill.DestructiveSkill;
import clay.runtime.skill.Reply;
import com.fasterxml.jackson.databind.JsonNode;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Destructive actions waiting for the user's yes: each holds the preview the user saw and runs exactly that on yes.
 * Ids are random (128 bits), single use, and expire after five minutes; no means nothing happens. Listed on the
 * approval desk as kind {@code action}; answered through {@code POST /api/actions/{id}} (which returns the action's
 * reply), the desk, or a confirmation surface on the canvas.
 */
public final class Confirmations implements ApprovalDesk.Source {
    static final Duration TTL = Duration.ofMinutes(5);
    static final int SHOWN = 5;

    private record Pending(String intent, DestructiveSkill.Preview preview, Instant expires) {}

    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final Clock clock;

    Confirmations(Clock clock) {
        this.clock = clock;
    }

    /** Holds {@code preview} until the user answers; returns the reply that shows it and asks. */
    public Reply ask(String intent, DestructiveSkill.Preview preview) {
        if (preview.count() == 0) {
            return Reply.offline("Nothing to remove: I found no " + preview.what() + ". Nothing was changed.", "nothing matched")
                    .withData(Map.of("acted", false));
        }
        byte[] b = new byte[16];
        random.nextBytes(b);
        String id = HexFormat.of().formatHex(b);
        pending.put(id, new Pending(intent, preview, clock.instant().plus(TTL)));
        String text = preview.describe(SHOWN) + "\nNothing is removed until you say yes.";
        Map<String, Object> confirm = new LinkedHashMap<>();
        confirm.put("id", id);
        confirm.put("intent", intent);
        confirm.put("what", preview.what());
        confirm.put("count", preview.count());
        confirm.put("items", preview.items().stream().limit(SHOWN).toList());
        confirm.put("command", preview.command());
        return new Reply(text, List.of(), Map.of("confirm", confirm, "acted", false), "NONE", "waits for your yes");
    }

    /** Runs the action behind {@code id} on yes, drops it on no. */
    public Reply answer(String id, boolean yes) throws Exception {
        Pending p = pending.remove(id);
        if (p == null || p.expires().isBefore(clock.instant())) {
            throw new InvalidInputException("nothing with id " + id + " is waiting (answered, expired or unknown)",
                    "ask again; a confirmation is valid for " + TTL.toMinutes() + " minutes and only once");
        }
        if (!yes) return Reply.offline("Nothing was removed.", "you said no").withData(Map.of("acted", false));
        return p.preview().action().run().withData(Map.of("acted", true));
    }

    Optional<String> intentOf(String id) {
        return Optional.ofNullable(pending.get(id)).map(Pending::intent);
    }

    @Override
    public String kind() {
        return "action";
    }

    @Override
    public List<Map<String, Object>> pending() {
        Instant now = clock.instant();
        pending.values().removeIf(p -> p.expires().isBefore(now));
        return pending.entrySet().stream().map(e -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", e.getKey());
            m.put("intent", e.getValue().intent());
            m.put("what", e.getValue().preview().what());
            m.put("count", e.getValue().preview().count());
            m.put("items", e.getValue().preview().items().stream().limit(SHOWN).toList());
            return (Map<String, Object>) m;
        }).toList();
    }

    @Override
    public boolean answer(String id, JsonNode body) {
        if (!pending.containsKey(id)) return false;
        try {
            answer(id, yes(body));
            return true;
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new clay.core.ClayException("the action failed: " + e.getMessage(), null, e);
        }
    }

    /** {@code {"answer":"yes"}}, {@code {"decision":"yes"}} or {@code {"approve":true}}; anything else is no. */
    static boolean yes(JsonNode body) {
        if (body.path("approve").asBoolean(false)) return true;
        String a = body.path("answer").asText(body.path("decision").asText("")).strip().toLowerCase(java.util.Locale.ROOT);
        return a.equals("yes") || a.equals("y");
    }
}
