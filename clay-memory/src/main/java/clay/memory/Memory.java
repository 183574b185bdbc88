package clay.memory;

import clay.core.ClayHome;
import clay.intelligence.model.ModelProvider;
import clay.memory.episodic.Episode;
import clay.memory.episodic.EpisodicMemory;
import clay.memory.episodic.Interaction;
import clay.memory.facts.Fact;
import clay.memory.facts.FactExtractor;
import clay.memory.facts.SemanticMemory;
import clay.memory.facts.Statements;
import clay.memory.patterns.Patterns;
import clay.memory.recall.Recall;
import clay.memory.store.MemoryDb;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One user's memory: every interaction (episodes), what Clay knows about the user (facts), recall for prompts,
 * usage patterns for suggestions, and the user's control over all of it — retention, forgetting (really deleted:
 * rows, cached vectors, free pages and WAL), export as JSON. Stored in {@code clay/context/memory.db}, encrypted with
 * the keyring key or a passphrase.
 *
 * <pre>{@code
 * try (Memory memory = Memory.open(home)) {
 *     memory.record(Interaction.of(Instant.now(), "remember that I prefer formal letters", "remember", "Noted."));
 *     RecallResult r = memory.recall().recall("write a letter to the council", 300);
 * }
 * }</pre>
 */
public final class Memory implements AutoCloseable {

    /**
     * How to open memory.
     *
     * @param passphrase derive the key from this instead of using the keyring file
     * @param clock time source
     * @param zone the user's time zone (for "yesterday", "forget today", parts of the day)
     * @param extractor the local model that extracts facts from interactions, if any
     */
    public record Options(Optional<char[]> passphrase, Clock clock, ZoneId zone, Optional<ModelProvider> extractor) {
        public static Options defaults() {
            return new Options(Optional.empty(), Clock.systemUTC(), ZoneId.systemDefault(), Optional.empty());
        }

        public Options withPassphrase(char[] p) {
            return new Options(Optional.of(p), clock, zone, extractor);
        }

        public Options withClock(Clock c, ZoneId z) {
            return new Options(passphrase, c, z, extractor);
        }

        public Options withExtractor(ModelProvider model) {
            return new Options(passphrase, clock, zone, Optional.of(model));
        }
    }

    /** What {@link #record} did besides storing the episode. */
    public record Recorded(Episode episode, List<SemanticMemory.Remembered> facts) {}

    private final MemoryDb db;
    private final EpisodicMemory episodes;
    private final SemanticMemory facts;
    private final Recall recall;
    private final Patterns patterns;
    private final Options options;
    private final Optional<FactExtractor> extractor;
    private volatile Instant lastRetention = Instant.EPOCH;

    private Memory(MemoryDb db, Options options) {
        this.db = db;
        this.options = options;
        this.episodes = new EpisodicMemory(db);
        this.facts = new SemanticMemory(db, options.clock());
        this.recall = new Recall(episodes, facts, options.clock(), options.zone(), t -> (t.length() + 3) / 4);
        this.patterns = new Patterns(episodes, options.clock(), options.zone());
        this.extractor = options.extractor().map(FactExtractor::new);
    }

    public static Memory open(ClayHome home) {
        return open(home, Options.defaults());
    }

    public static Memory open(ClayHome home, Options options) {
        Memory m = new Memory(MemoryDb.open(home, options.passphrase()), options);
        m.applyRetention();
        return m;
    }

    public EpisodicMemory episodes() {
        return episodes;
    }

    public SemanticMemory facts() {
        return facts;
    }

    public Recall recall() {
        return recall;
    }

    public Patterns patterns() {
        return patterns;
    }

    /** The database file (for tests that prove what is and is not in it). */
    public java.nio.file.Path file() {
        return db.file();
    }

    /**
     * Records an interaction; "remember that ..." becomes a fact (source: this episode), and the local model, when
     * configured, may extract more.
     */
    public Recorded record(Interaction i) {
        if (Duration.between(lastRetention, options.clock().instant()).compareTo(Duration.ofHours(1)) > 0) applyRetention();
        Episode e = episodes.record(i);
        List<SemanticMemory.Remembered> learned = new ArrayList<>();
        Optional<String> stated = Statements.explicitFact(i.utterance());
        stated.ifPresent(f -> learned.add(facts.remember(f, "stated in " + e.source())));
        if (stated.isEmpty()) {
            extractor.ifPresent(x -> x.extract(i).forEach(f -> learned.add(
                    facts.remember(f, "extracted by " + x.modelName() + " from " + e.source()))));
        }
        return new Recorded(e, learned);
    }

    /** Remembers a fact the user states directly (not from an interaction). */
    public SemanticMemory.Remembered remember(String fact) {
        return facts.remember(Statements.explicitFact(fact).orElse(fact), "stated on " + options.clock().instant());
    }

    // --- retention -----------------------------------------------------------------------------------------------

    public Retention retention() {
        Optional<String> ep = db.setting("retention.episodes"), fa = db.setting("retention.facts");
        Retention d = Retention.defaults();
        return new Retention(ep.map(Retention::parse).orElse(d.episodes()), fa.map(Retention::parse).orElse(d.facts()));
    }

    public void retention(Retention r) {
        db.setting("retention.episodes", Retention.format(r.episodes()));
        db.setting("retention.facts", Retention.format(r.facts()));
        applyRetention();
    }

    /** Deletes what is older than the retention allows; returns how many memories went. */
    public int applyRetention() {
        Retention r = retention();
        Instant now = options.clock().instant();
        lastRetention = now;
        int n = 0;
        if (r.episodes().isPresent()) {
            n += episodes.delete(episodes.between(Instant.EPOCH, now.minus(r.episodes().get())).stream().map(Episode::id).toList());
        }
        if (r.facts().isPresent()) {
            Instant cut = now.minus(r.facts().get());
            n += facts.delete(facts.all().stream().filter(f -> f.updated().isBefore(cut)).map(Fact::id).toList());
        }
        if (n > 0) db.purge();
        return n;
    }

    // --- forgetting ------------------------------------------------------------------------------------------------

    /**
     * What a forget request would remove, chosen before anything goes so the user can see it first: {@link #forget}
     * removes exactly these.
     *
     * @param episodes ids of the episodes
     * @param facts ids of the facts
     * @param items a short line per item, episodes first (what a preview lists)
     * @param oldest when the oldest selected item was recorded or last changed
     */
    public record Selection(List<Long> episodes, List<Long> facts, List<String> items, Optional<Instant> oldest) {
        public Selection {
            episodes = List.copyOf(episodes);
            facts = List.copyOf(facts);
            items = List.copyOf(items);
        }

        public int count() {
            return episodes.size() + facts.size();
        }
    }

    /** Words that say nothing about what to forget ("forget about me" must not match every "me" in memory). */
    private static final java.util.Set<String> EMPTY_TOPICS = java.util.Set.of("me", "i", "my", "mine", "myself", "you",
            "it", "this", "that", "them", "they", "us", "we", "the", "a", "an", "all", "everything", "anything",
            "something", "stuff", "things", "what", "about", "of", "to");

    /**
     * Selects every episode and fact that mentions {@code topic} as whole words (case-insensitive; "me" never matches
     * inside "time" or "remember") or is closely about it in meaning.
     *
     * @throws clay.core.InvalidInputException when the topic is empty or only words like "me", "it", "everything"
     */
    public Selection selectAbout(String topic) {
        String t = topic.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        if (!namesSomething(t)) {
            throw new clay.core.InvalidInputException("say what to forget: '" + topic + "' names nothing in particular",
                    "e.g. clay memory forget --about HB302, or --everything");
        }
        java.util.regex.Pattern words = wholeWords(t);
        List<Episode> ep = new ArrayList<>();
        for (Episode e : episodes.all()) {
            Interaction i = e.interaction();
            String all = String.join(" ", i.utterance(), i.result(), i.subject(), String.join(" ", i.files()),
                    String.join(" ", i.surfaces()));
            if (words.matcher(all).find()) ep.add(e);
        }
        for (EpisodicMemory.Hit h : episodes.search(topic, Optional.empty(), Optional.empty(), 1000)) {
            if (h.score() >= 0.7 && ep.stream().noneMatch(e -> e.id() == h.episode().id())) ep.add(h.episode());
        }
        List<Fact> fa = new ArrayList<>();
        for (SemanticMemory.Hit h : facts.search(topic, 10_000)) {
            Fact f = h.fact();
            String all = f.text() + " " + f.subject() + " " + String.join(" ", f.history().stream().map(Fact.Revision::text).toList());
            if (words.matcher(all).find() || h.score() >= 0.7) fa.add(f);
        }
        return selection(ep, fa);
    }

    /** Whether {@code topic} names something in particular (not only words like "me", "it", "everything"). */
    public static boolean namesSomething(String topic) {
        String t = topic.strip().toLowerCase(Locale.ROOT);
        return t.length() >= 2 && !java.util.Arrays.stream(t.split("[^\\p{L}\\p{N}]+")).allMatch(w -> w.isEmpty() || EMPTY_TOPICS.contains(w));
    }

    /** A pattern finding {@code phrase} as whole words, whatever the spacing and case. */
    public static java.util.regex.Pattern wholeWords(String phrase) {
        String body = java.util.Arrays.stream(phrase.strip().split("\\s+")).map(java.util.regex.Pattern::quote)
                .reduce((a, b) -> a + "\\s+" + b).orElse("");
        return java.util.regex.Pattern.compile("(?<![\\p{L}\\p{N}])" + body + "(?![\\p{L}\\p{N}])",
                java.util.regex.Pattern.CASE_INSENSITIVE | java.util.regex.Pattern.UNICODE_CASE);
    }

    /** Selects every episode in {@code [from, to)} and the facts learned or changed then. */
    public Selection selectBetween(Instant from, Instant to) {
        return selection(episodes.between(from, to),
                facts.all().stream().filter(f -> !f.updated().isBefore(from) && f.updated().isBefore(to)).toList());
    }

    /** Selects one episode ("forget this"). */
    public Selection selectEpisode(long id) {
        return selection(episodes.get(id).stream().toList(), List.of());
    }

    /** Selects everything memory holds. */
    public Selection selectEverything() {
        return selection(episodes.all(), facts.all());
    }

    private static Selection selection(List<Episode> ep, List<Fact> fa) {
        List<String> items = new ArrayList<>();
        ep.forEach(e -> items.add("conversation " + e.interaction().at() + ": " + e.interaction().utterance()));
        fa.forEach(f -> items.add("fact: " + f.text()));
        Optional<Instant> oldest = java.util.stream.Stream.concat(ep.stream().map(e -> e.interaction().at()),
                fa.stream().map(Fact::created)).min(Instant::compareTo);
        return new Selection(ep.stream().map(Episode::id).toList(), fa.stream().map(Fact::id).toList(), items, oldest);
    }

    /** Removes exactly what {@code selection} holds, for good (rows, cached vectors, free pages, WAL). */
    public int forget(Selection selection) {
        return purged(episodes.delete(selection.episodes()) + facts.delete(selection.facts()));
    }

    /** Forgets one episode ("forget this"). */
    public int forgetEpisode(long id) {
        return purged(episodes.delete(List.of(id)));
    }

    public int forgetFact(long id) {
        return purged(facts.delete(List.of(id)));
    }

    /** Forgets everything about {@code topic}; see {@link #selectAbout}. */
    public int forgetAbout(String topic) {
        return forget(selectAbout(topic));
    }

    /** Forgets every episode of {@code day} (in the user's zone) and facts learned or changed that day. */
    public int forgetDay(LocalDate day) {
        return forgetBetween(day.atStartOfDay(options.zone()).toInstant(), day.plusDays(1).atStartOfDay(options.zone()).toInstant());
    }

    /** Forgets every episode in {@code [from, to)} and facts learned or changed then. */
    public int forgetBetween(Instant from, Instant to) {
        return forget(selectBetween(from, to));
    }

    public int forgetToday() {
        return forgetDay(LocalDate.ofInstant(options.clock().instant(), options.zone()));
    }

    /** The user's zone's day boundaries of {@code day}, as {@code [start, end)}. */
    public Instant[] day(LocalDate day) {
        return new Instant[] {day.atStartOfDay(options.zone()).toInstant(), day.plusDays(1).atStartOfDay(options.zone()).toInstant()};
    }

    public ZoneId zone() {
        return options.zone();
    }

    public int forgetEverything() {
        return forget(selectEverything());
    }

    private int purged(int n) {
        episodes.dropCache();
        db.purge();
        return n;
    }

    // --- export ----------------------------------------------------------------------------------------------------

    /** Everything memory holds, decrypted, as one JSON document (the user's own copy). */
    public ObjectNode export() {
        ObjectMapper json = new ObjectMapper();
        ObjectNode o = json.createObjectNode();
        o.put("exported", options.clock().instant().toString()).put("format", "clay-memory/1");
        Retention r = retention();
        o.putObject("retention").put("episodes", Retention.format(r.episodes())).put("facts", Retention.format(r.facts()));
        ArrayNode ep = o.putArray("episodes");
        for (Episode e : episodes.all()) ep.add(episodes.toJson(e.interaction()).put("id", e.id()));
        ArrayNode fa = o.putArray("facts");
        for (Fact f : facts.all()) fa.add(facts.toJson(f));
        return o;
    }

    @Override
    public void close() {
        db.close();
    }
}
