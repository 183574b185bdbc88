package clay.runtime.skill;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The skills a runtime knows, by intent name. Later registrations replace earlier ones (a module may refine a skill). */
public final class Skills {
    private final Map<String, Skill> byIntent = new ConcurrentHashMap<>();

    public void register(String intent, Skill skill) {
        byIntent.put(intent, skill);
    }

    public Optional<Skill> forIntent(String intent) {
        return Optional.ofNullable(byIntent.get(intent));
    }

    public Set<String> intents() {
        return Set.copyOf(byIntent.keySet());
    }
}
