package clay.runtime.memory;

import clay.intelligence.proxy.CloudProxy;
import clay.memory.Memory;
import clay.memory.context.ContextManager;
import clay.memory.context.SessionStore;
import clay.runtime.RuntimeContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Forgetting across everything that holds what the user said: memory (episodes, facts and their vectors), the
 * conversation turns the context manager keeps for prompts, the REPL's line history, and the cloud response cache
 * (answers may have been built from the forgotten context; the whole cache goes, the simplest rule that is safe).
 * A {@link Plan} is chosen first and shown; {@link #carryOut} removes exactly it and compacts every store.
 */
final class Forgetting {
    /**
     * What one forget request would remove.
     *
     * @param what the request in a few words ("memories about tom")
     * @param memory the episodes and facts
     * @param turns the conversation turns
     * @param history REPL history lines that match
     * @param everything whether this is "forget everything"
     */
    record Plan(String what, Memory.Selection memory, List<SessionStore.StoredTurn> turns, Predicate<String> history,
            boolean everything) {
        int count() {
            return memory.count() + turns.size();
        }

        List<String> items() {
            List<String> out = new ArrayList<>(memory.items());
            turns.forEach(t -> out.add(t.turn().role() + " said (" + t.turn().at() + "): " + t.turn().text()));
            return out;
        }
    }

    private final RuntimeContext ctx;
    private final Memory memory;

    Forgetting(RuntimeContext ctx, Memory memory) {
        this.ctx = ctx;
        this.memory = memory;
    }

    Plan about(String topic) {
        Memory.Selection sel = memory.selectAbout(topic);
        Pattern words = Memory.wholeWords(topic);
        Predicate<String> mentions = t -> words.matcher(t).find();
        List<SessionStore.StoredTurn> turns = withAnswers(turns(t -> mentions.test(t.text())));
        // an episode's own words may sit in a turn that does not name the topic
        List<String> episodeTexts = texts(sel);
        turns = union(turns, turns(t -> episodeTexts.contains(t.text())));
        return new Plan("memories about " + topic, sel, turns, mentions, false);
    }

    Plan between(Instant from, Instant to, String label) {
        Memory.Selection sel = memory.selectBetween(from, to);
        return new Plan("memories " + label, sel, turns(t -> !t.at().isBefore(from) && t.at().isBefore(to)), l -> false, false);
    }

    Plan episode(long id, String label) {
        Memory.Selection sel = memory.selectEpisode(id);
        List<String> texts = texts(sel);
        return new Plan("memories " + label, sel, turns(t -> texts.contains(t.text())), texts::contains, false);
    }

    Plan everything() {
        return new Plan("memories (everything)", memory.selectEverything(), turns(t -> true), l -> true, true);
    }

    /** Removes exactly {@code plan}, then drops the response cache; returns how many items went. */
    int carryOut(Plan plan) {
        int n = memory.forget(plan.memory());
        n += store().map(s -> s.forget(plan.turns(), plan.everything())).orElse(0);
        ctx.service(CloudProxy.class).ifPresent(p -> p.cache().clear());
        scrubHistory(ctx.home().runtime().resolve("history"), plan.history());
        return n;
    }

    private List<String> texts(Memory.Selection sel) {
        List<String> out = new ArrayList<>();
        for (long id : sel.episodes()) {
            memory.episodes().get(id).ifPresent(e -> {
                out.add(e.interaction().utterance());
                out.add(e.interaction().result());
            });
        }
        return out;
    }

    private Optional<SessionStore> store() {
        return ctx.service(ContextManager.class).map(ContextManager::store);
    }

    private List<SessionStore.StoredTurn> turns(Predicate<clay.memory.context.Turn> which) {
        return store().map(s -> s.turnsWhere(which)).orElse(List.of());
    }

    /** The assistant's answer to a matched question, and the question of a matched answer, go with it. */
    private List<SessionStore.StoredTurn> withAnswers(List<SessionStore.StoredTurn> matched) {
        if (matched.isEmpty()) return matched;
        List<SessionStore.StoredTurn> all = turns(t -> true);
        List<SessionStore.StoredTurn> out = new ArrayList<>(matched);
        for (SessionStore.StoredTurn m : matched) {
            for (SessionStore.StoredTurn t : all) {
                boolean neighbour = t.session().equals(m.session())
                        && (m.turn().role().equals("user") ? t.seq() == m.seq() + 1 : t.seq() == m.seq() - 1);
                if (neighbour && !out.contains(t)) out.add(t);
            }
        }
        return out;
    }

    private static List<SessionStore.StoredTurn> union(List<SessionStore.StoredTurn> a, List<SessionStore.StoredTurn> b) {
        List<SessionStore.StoredTurn> out = new ArrayList<>(a);
        b.stream().filter(t -> !out.contains(t)).forEach(out::add);
        return out;
    }

    /** Rewrites the REPL history without the lines that match (JLine keeps {@code millis:line} per entry). */
    private static void scrubHistory(Path file, Predicate<String> drop) {
        if (!Files.isRegularFile(file)) return;
        try {
            List<String> kept = Files.readAllLines(file).stream().filter(l -> !drop.test(l)).toList();
            Path tmp = Files.createTempFile(file.getParent(), "history", ".tmp",
                    java.nio.file.attribute.PosixFilePermissions.asFileAttribute(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
            Files.write(tmp, kept);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            org.slf4j.LoggerFactory.getLogger(Forgetting.class).warn("could not scrub the REPL history {}: {}", file, e.toString());
        }
    }
}
