package clay.memory.facts;

import clay.intelligence.embed.LocalEmbeddings;
import clay.memory.store.MemoryDb;
import clay.memory.store.Vectors;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Facts and preferences, one row each, encrypted. {@link #remember} deduplicates and updates rather than piling up:
 * the same statement again only refreshes the fact; a statement about the same subject that says something else
 * ("district 14" after "district 12") replaces the text and keeps the old version, with its source, in the history.
 */
public final class SemanticMemory {
    /** How close two statements about one subject must be to count as versions of one fact. */
    static final double SAME_SUBJECT = 0.5;
    /** How close two statements without a common subject must be to count as the same fact. */
    static final double NEAR_DUPLICATE = 0.93;

    /** A fact and how close it is to a query. */
    public record Hit(Fact fact, double score) {}

    /** What {@link #remember} did. */
    public enum Outcome { ADDED, UNCHANGED, UPDATED }

    /** A fact and what happened to it. */
    public record Remembered(Fact fact, Outcome outcome) {}

    private final MemoryDb db;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();

    public SemanticMemory(MemoryDb db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    public synchronized Remembered remember(String text, String source) {
        String clean = text.strip();
        if (clean.length() < 3) throw new clay.core.InvalidInputException("a fact needs a few words", "say what Clay should remember");
        float[] v = LocalEmbeddings.shared().embed(clean);
        String subject = Statements.subject(clean);
        Instant now = clock.instant();
        Stored best = null;
        double bestScore = -1;
        for (Stored s : load()) {
            if (normal(s.fact.text()).equals(normal(clean))) return new Remembered(s.fact, Outcome.UNCHANGED);
            double sim = Vectors.cosine(v, s.vector);
            boolean sameSubject = !subject.isEmpty() && subject.equals(s.fact.subject());
            boolean differentSubjects = !subject.isEmpty() && !s.fact.subject().isEmpty() && !sameSubject;
            boolean match = sameSubject ? sim >= SAME_SUBJECT : !differentSubjects && sim >= NEAR_DUPLICATE;
            if (match && sim > bestScore) {
                best = s;
                bestScore = sim;
            }
        }
        if (best != null) {
            Fact old = best.fact;
            List<Fact.Revision> history = new ArrayList<>(old.history());
            history.add(new Fact.Revision(old.text(), old.source(), old.updated()));
            Fact updated = new Fact(old.id(), subject.isEmpty() ? old.subject() : subject, clean, Statements.kind(clean), source,
                    old.created(), now, history);
            write(updated, v);
            return new Remembered(updated, Outcome.UPDATED);
        }
        Fact fresh = new Fact(0, subject, clean, Statements.kind(clean), source, now, now, List.of());
        return new Remembered(write(fresh, v), Outcome.ADDED);
    }

    public List<Fact> all() {
        return load().stream().map(s -> s.fact).toList();
    }

    public Optional<Fact> get(long id) {
        return load().stream().map(s -> s.fact).filter(f -> f.id() == id).findFirst();
    }

    /** Facts closest in meaning to {@code query}, best first. */
    public List<Hit> search(String query, int limit) {
        float[] q = LocalEmbeddings.shared().embed(query);
        List<Hit> hits = new ArrayList<>();
        for (Stored s : load()) hits.add(new Hit(s.fact, Vectors.cosine(q, s.vector)));
        hits.sort((a, b) -> Double.compare(b.score(), a.score()));
        return hits.size() > limit ? hits.subList(0, limit) : hits;
    }

    public int delete(Collection<Long> ids) {
        if (ids.isEmpty()) return 0;
        return db.tx(c -> {
            int n = 0;
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM facts WHERE id = ?")) {
                for (long id : ids) {
                    ps.setLong(1, id);
                    n += ps.executeUpdate();
                }
            }
            return n;
        });
    }

    public ObjectNode toJson(Fact f) {
        ObjectNode o = json.createObjectNode();
        o.put("id", f.id()).put("subject", f.subject()).put("text", f.text()).put("kind", f.kind()).put("source", f.source())
                .put("created", f.created().toString()).put("updated", f.updated().toString());
        ArrayNode h = o.putArray("history");
        for (Fact.Revision r : f.history()) h.addObject().put("text", r.text()).put("source", r.source()).put("at", r.at().toString());
        return o;
    }

    private record Stored(Fact fact, float[] vector) {}

    private Fact write(Fact f, float[] v) {
        byte[] payload;
        try {
            payload = db.cipher().encrypt("facts.payload", json.writeValueAsBytes(toJson(f)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] emb = db.cipher().encryptVector("facts.embedding", v);
        long id = db.tx(c -> {
            if (f.id() > 0) {
                try (PreparedStatement ps = c.prepareStatement("UPDATE facts SET updated = ?, payload = ?, embedding = ? WHERE id = ?")) {
                    ps.setLong(1, f.updated().toEpochMilli());
                    ps.setBytes(2, payload);
                    ps.setBytes(3, emb);
                    ps.setLong(4, f.id());
                    ps.executeUpdate();
                    return f.id();
                }
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO facts(created, updated, payload, embedding) VALUES (?, ?, ?, ?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                ps.setLong(1, f.created().toEpochMilli());
                ps.setLong(2, f.updated().toEpochMilli());
                ps.setBytes(3, payload);
                ps.setBytes(4, emb);
                ps.executeUpdate();
                try (ResultSet rs = ps.getGeneratedKeys()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
        db.tightenPermissions();
        return new Fact(id, f.subject(), f.text(), f.kind(), f.source(), f.created(), f.updated(), f.history());
    }

    private List<Stored> load() {
        List<Object[]> rows = db.tx(c -> {
            List<Object[]> out = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT id, payload, embedding FROM facts ORDER BY id")) {
                while (rs.next()) out.add(new Object[] {rs.getLong(1), rs.getBytes(2), rs.getBytes(3)});
            }
            return out;
        });
        List<Stored> out = new ArrayList<>();
        for (Object[] r : rows) {
            long id = (Long) r[0];
            JsonNode o;
            try {
                o = json.readTree(db.cipher().decryptString("facts.payload", (byte[]) r[1]));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            List<Fact.Revision> history = new ArrayList<>();
            o.path("history").forEach(h -> history.add(new Fact.Revision(h.path("text").asText(), h.path("source").asText(),
                    Instant.parse(h.path("at").asText()))));
            Fact f = new Fact(id, o.path("subject").asText(), o.path("text").asText(), o.path("kind").asText("fact"),
                    o.path("source").asText(), Instant.parse(o.path("created").asText()), Instant.parse(o.path("updated").asText()),
                    history);
            out.add(new Stored(f, db.cipher().decryptVector("facts.embedding", (byte[]) r[2])));
        }
        return out;
    }

    private static String normal(String s) {
        return s.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
    }
}
