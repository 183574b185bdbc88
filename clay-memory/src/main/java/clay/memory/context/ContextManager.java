package clay.memory.context;

import clay.core.ClayHome;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;

/**
 * Keeps the four kinds of context (session, user, system, world) and assembles them for one model call inside a token
 * budget. Priorities, highest first: the world (time, zone, locale, location), the user's preferences, the current
 * task and open surfaces, the last exchange, the machine's state, upcoming calendar events, then older turns newest
 * first; turns that do not fit are folded into a one-line summary, or dropped when even that does not fit.
 *
 * <pre>{@code
 * try (ContextManager ctx = ContextManager.open(home, ContextManager.Settings.defaults(home))) {
 *     ctx.recordTurn("user", "find the invoice from tuesday");
 *     ContextManager.Assembled a = ctx.assemble(2048, text -> text.length() / 4);
 * }
 * }</pre>
 */
public final class ContextManager implements AutoCloseable {
    /**
     * @param clock the clock (tests fix it)
     * @param zone the user's time zone
     * @param locale the user's locale
     * @param location a configured location, if any
     * @param calendars a directory (or file) of {@code .ics} calendars
     * @param models names of the configured models
     */
    public record Settings(Clock clock, ZoneId zone, Locale locale, Optional<String> location, Path calendars,
            Supplier<List<String>> models) {
        public static Settings defaults(ClayHome home) {
            return new Settings(Clock.systemUTC(), ZoneId.systemDefault(), Locale.getDefault(), Optional.empty(),
                    home.root().resolve("calendars"), List::of);
        }
    }

    /** The world as a model should know it. */
    public record World(ZonedDateTime now, Locale locale, Optional<String> location, List<IcsCalendar.Event> upcoming) {}

    /**
     * One assembled context.
     *
     * @param text what goes into the model's system message
     * @param tokens tokens it takes
     * @param sections the sections included, in priority order
     * @param turnsIncluded turns included verbatim
     * @param turnsSummarized older turns folded into the summary line
     * @param turnsDropped turns left out entirely
     */
    public record Assembled(String text, int tokens, List<String> sections, int turnsIncluded, int turnsSummarized,
            int turnsDropped) {}

    private final SessionStore store;
    private final Settings settings;
    private final Path dataDir;
    private volatile String sessionId;

    private ContextManager(SessionStore store, Settings settings, Path dataDir) {
        this.store = store;
        this.settings = settings;
        this.dataDir = dataDir;
        this.sessionId = store.latest().orElseGet(store::create).id();
    }

    /** Opens the session database and resumes the most recent session (or starts one). */
    public static ContextManager open(ClayHome home, Settings settings) {
        return new ContextManager(SessionStore.open(home, settings.clock()), settings, home.root());
    }

    public SessionStore store() {
        return store;
    }

    public Session session() {
        return store.get(sessionId).orElseGet(() -> {
            Session s = store.create();
            sessionId = s.id();
            return s;
        });
    }

    /** Starts a fresh session; the old one stays in the database. */
    public Session newSession() {
        Session s = store.create();
        sessionId = s.id();
        return s;
    }

    public void recordTurn(String role, String text) {
        store.addTurn(session().id(), role, text);
    }

    public void setTask(String task) {
        store.setTask(session().id(), task);
    }

    public void setOpenSurfaces(List<String> surfaces) {
        store.setOpenSurfaces(session().id(), surfaces);
    }

    public Map<String, String> user() {
        return store.user();
    }

    public SystemContext system() {
        return SystemContext.probe(dataDir, settings.models().get());
    }

    public World world() {
        ZonedDateTime now = ZonedDateTime.now(settings.clock()).withZoneSameInstant(settings.zone());
        List<IcsCalendar.Event> upcoming = IcsCalendar.read(settings.calendars(), settings.zone()).stream()
                .filter(e -> e.end().isAfter(now) && e.start().isBefore(now.plusDays(7))).limit(20).toList();
        return new World(now, settings.locale(), settings.location(), upcoming);
    }

    /** The context for one model call, within {@code budget} tokens as counted by {@code tokens}. */
    public Assembled assemble(int budget, ToIntFunction<String> tokens) {
        Session s = session();
        World w = world();
        List<String[]> picked = new ArrayList<>(); // {section, text}
        int[] used = {s.turns().isEmpty() ? 0 : tokens.applyAsInt("Conversation:\n")};
        java.util.function.BiPredicate<String, String> add = (name, text) -> {
            if (text.isBlank()) return false;
            int t = tokens.applyAsInt(text + "\n\n");
            if (used[0] + t > budget) return false;
            used[0] += t;
            picked.add(new String[] {name, text});
            return true;
        };
        add.test("world", worldText(w));
        add.test("user", userText(store.user()));
        add.test("task", taskText(s));
        List<Turn> turns = s.turns();
        int n = turns.size(), lastExchange = Math.min(2, n);
        List<String> turnTexts = new ArrayList<>();
        int included = 0;
        for (int i = n - 1; i >= n - lastExchange; i--) {
            String t = turns.get(i).role() + ": " + turns.get(i).text();
            if (!add.test("turn", t)) break;
            turnTexts.add(0, t);
            included++;
        }
        add.test("system", "Machine:\n" + system().describe());
        add.test("calendar", calendarText(w));
        int reserve = n - included > 0 ? tokens.applyAsInt(summary(turns.subList(0, n - included)) + "\n\n") : 0;
        for (int i = n - 1 - included; i >= 0 && included >= lastExchange; i--) {
            String t = turns.get(i).role() + ": " + turns.get(i).text();
            boolean last = i == 0;
            if (!last && used[0] + tokens.applyAsInt(t + "\n\n") + reserve > budget) break;
            if (!add.test("turn", t)) break;
            turnTexts.add(0, t);
            included++;
        }
        int older = n - included, summarized = 0;
        if (older > 0) {
            String summary = summary(turns.subList(0, older));
            if (add.test("summary", summary)) summarized = older;
        }
        StringBuilder text = new StringBuilder();
        for (String section : List.of("world", "user", "system", "calendar", "task", "summary")) {
            for (String[] p : picked) if (p[0].equals(section)) text.append(p[1]).append("\n\n");
        }
        if (!turnTexts.isEmpty()) text.append("Conversation:\n").append(String.join("\n", turnTexts)).append('\n');
        List<String> sections = picked.stream().map(p -> p[0]).distinct().toList();
        String out = text.toString().strip();
        return new Assembled(out, tokens.applyAsInt(out), sections, included, summarized, older - summarized);
    }

    private String worldText(World w) {
        return "Now: " + w.now().format(DateTimeFormatter.ofPattern("EEEE d MMMM yyyy, HH:mm", Locale.ENGLISH)) + " ("
                + w.now().getZone() + "), locale " + w.locale().toLanguageTag()
                + w.location().map(l -> ", location " + l).orElse("");
    }

    private static String userText(Map<String, String> user) {
        if (user.isEmpty()) return "";
        StringBuilder b = new StringBuilder("About the user:");
        user.forEach((k, v) -> b.append("\n- ").append(k).append(": ").append(v));
        return b.toString();
    }

    private static String taskText(Session s) {
        if (s.task().isBlank() && s.openSurfaces().isEmpty()) return "";
        StringBuilder b = new StringBuilder();
        if (!s.task().isBlank()) b.append("Current task: ").append(s.task());
        if (!s.openSurfaces().isEmpty()) b.append(b.isEmpty() ? "" : "\n").append("Open surfaces: ").append(String.join(", ", s.openSurfaces()));
        return b.toString();
    }

    private static String calendarText(World w) {
        if (w.upcoming().isEmpty()) return "";
        StringBuilder b = new StringBuilder("Calendar (next 7 days):");
        DateTimeFormatter f = DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ENGLISH);
        for (IcsCalendar.Event e : w.upcoming()) {
            b.append("\n- ").append(e.allDay() ? e.start().toLocalDate().toString() + " (all day)" : e.start().format(f))
                    .append(' ').append(e.summary()).append(e.location().map(l -> " @ " + l).orElse(""));
        }
        return b.toString();
    }

    /** A one-line digest of older turns: what the user asked, in a few words each. */
    static String summary(List<Turn> older) {
        List<String> asks = new ArrayList<>();
        for (Turn t : older) {
            if (!t.role().equals("user")) continue;
            String[] words = t.text().trim().split("\\s+");
            asks.add(String.join(" ", java.util.Arrays.copyOf(words, Math.min(8, words.length))) + (words.length > 8 ? "..." : ""));
        }
        return "Earlier in this conversation (" + older.size() + " turns), the user asked: "
                + (asks.isEmpty() ? "(nothing)" : String.join("; ", asks.subList(Math.max(0, asks.size() - 6), asks.size())));
    }

    @Override
    public void close() {
        store.close();
    }
}
