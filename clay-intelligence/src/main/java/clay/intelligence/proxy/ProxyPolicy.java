package clay.intelligence.proxy;

import clay.core.ConfigException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Collection;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The user's rules for what may leave: a default decision, decisions per intent and per data class (the strictest
 * applicable one wins), the allow list (values never redacted, such as the user's company name) and the deny list
 * (terms always redacted, such as a project code name), and how long an "ask" waits before it counts as "no".
 *
 * @param defaultDecision applies when no intent or class rule does
 * @param intents decisions by intent name
 * @param classes decisions by data class found in the request
 * @param allow values never redacted (case-insensitive)
 * @param deny terms always redacted, with the class they are reported as
 * @param askTimeout how long an approval waits
 */
public record ProxyPolicy(Decision defaultDecision, Map<String, Decision> intents, Map<DataClass, Decision> classes,
        Set<String> allow, Map<String, DataClass> deny, Duration askTimeout) {

    public ProxyPolicy {
        intents = Map.copyOf(intents);
        classes = classes.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(classes));
        allow = Set.copyOf(allow);
        deny = Map.copyOf(deny);
        if (askTimeout.isNegative() || askTimeout.isZero()) {
            throw new clay.core.InvalidInputException("askTimeout must be positive, was " + askTimeout, "use e.g. 120s");
        }
    }

    /**
     * Redact everything; ask before a request that holds special-category data ({@link DataClass#SPECIAL}: health,
     * religion, sexual orientation, politics, union membership, ethnicity, biometrics) leaves, so such data is never
     * sent silently; wait two minutes for answers.
     */
    public static ProxyPolicy defaults() {
        return new ProxyPolicy(Decision.SEND_REDACTED, Map.of(), Map.of(DataClass.SPECIAL, Decision.ASK), Set.of(), Map.of(),
                Duration.ofMinutes(2));
    }

    /** The decision for a request of {@code intent} in which {@code found} classes of personal data were detected. */
    public Decision decide(String intent, Collection<DataClass> found) {
        Decision d = intents.getOrDefault(intent, defaultDecision);
        for (DataClass c : found) {
            Decision rule = classes.get(c);
            if (rule != null) d = d.strictest(rule);
        }
        return d;
    }

    public ProxyPolicy withDefault(Decision d) {
        return new ProxyPolicy(d, intents, classes, allow, deny, askTimeout);
    }

    public ProxyPolicy withIntent(String intent, Decision d) {
        Map<String, Decision> m = new LinkedHashMap<>(intents);
        if (d == null) m.remove(intent);
        else m.put(intent, d);
        return new ProxyPolicy(defaultDecision, m, classes, allow, deny, askTimeout);
    }

    public ProxyPolicy withClass(DataClass c, Decision d) {
        Map<DataClass, Decision> m = new EnumMap<>(DataClass.class);
        m.putAll(classes);
        if (d == null) m.remove(c);
        else m.put(c, d);
        return new ProxyPolicy(defaultDecision, intents, m, allow, deny, askTimeout);
    }

    public ProxyPolicy withAllow(Set<String> values) {
        return new ProxyPolicy(defaultDecision, intents, classes, values, deny, askTimeout);
    }

    public ProxyPolicy withDeny(Map<String, DataClass> terms) {
        return new ProxyPolicy(defaultDecision, intents, classes, allow, terms, askTimeout);
    }

    public ProxyPolicy withAskTimeout(Duration t) {
        return new ProxyPolicy(defaultDecision, intents, classes, allow, deny, t);
    }

    public ObjectNode toJson(ObjectMapper json) {
        ObjectNode o = json.createObjectNode();
        o.put("default", defaultDecision.wireName());
        ObjectNode in = o.putObject("intents");
        new TreeMap<>(intents).forEach((k, v) -> in.put(k, v.wireName()));
        ObjectNode cl = o.putObject("classes");
        new TreeMap<>(classes).forEach((k, v) -> cl.put(k.wireName(), v.wireName()));
        allow.stream().sorted().forEach(o.putArray("allow")::add);
        ObjectNode dn = o.putObject("deny");
        new TreeMap<>(deny).forEach((k, v) -> dn.put(k, v.wireName()));
        o.put("askTimeoutSeconds", askTimeout.toSeconds());
        return o;
    }

    /** Reads the JSON form, naming the bad field in the error. */
    public static ProxyPolicy fromJson(JsonNode o) {
        try {
            ProxyPolicy p = defaults();
            if (o.has("default")) p = p.withDefault(Decision.fromWire(o.get("default").asText()));
            for (Iterator<Map.Entry<String, JsonNode>> it = o.path("intents").fields(); it.hasNext(); ) {
                var e = it.next();
                p = p.withIntent(e.getKey(), Decision.fromWire(e.getValue().asText()));
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = o.path("classes").fields(); it.hasNext(); ) {
                var e = it.next();
                p = p.withClass(DataClass.fromWire(e.getKey()), Decision.fromWire(e.getValue().asText()));
            }
            Set<String> allow = new LinkedHashSet<>();
            o.path("allow").forEach(n -> allow.add(n.asText()));
            Map<String, DataClass> deny = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = o.path("deny").fields(); it.hasNext(); ) {
                var e = it.next();
                deny.put(e.getKey(), DataClass.fromWire(e.getValue().asText("private")));
            }
            p = p.withAllow(allow).withDeny(deny);
            if (o.has("askTimeoutSeconds")) p = p.withAskTimeout(Duration.ofSeconds(o.get("askTimeoutSeconds").asLong()));
            return p;
        } catch (clay.core.InvalidInputException e) {
            throw new ConfigException("proxy policy: " + e.getMessage(), e.fix().orElse("fix the policy with clay proxy policy"));
        }
    }
}
