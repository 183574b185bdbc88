package clay.memory.episodic;

import clay.intelligence.embed.LocalEmbeddings;
import clay.memory.store.MemoryDb;
import clay.memory.store.Vectors;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every interaction, encrypted, with an encrypted embedding for search by meaning. Search decrypts the candidate
 * vectors (time-filtered in SQL first) and ranks them by cosine similarity; decrypted vectors are cached in memory
 * and dropped when rows are deleted, so nothing forgotten stays findable.
 */
public final class EpisodicMemory {
    /** A search hit. */
    public record Hit(Episode episode, double score) {}

    private final MemoryDb db;
    private final ObjectMapper json = new ObjectMapper();
    private final Map<Long, float[]> vectors = new HashMap<>();

    public EpisodicMemory(MemoryDb db) {
        this.db = db;
    }

    public Episode record(Interaction i) {
        float[] v = LocalEmbeddings.shared().embed(i.searchText());
        byte[] payload = db.cipher().encrypt("episodes.payload", bytes(toJson(i)));
        byte[] emb = db.cipher().encryptVector("episodes.embedding", v);
        long id = db.tx(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO episodes(at, payload, embedding) VALUES (?, ?, ?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                ps.setLong(1, i.at().toEpochMilli());
                ps.setBytes(2, payload);
                ps.setBytes(3, emb);
                ps.executeUpdate();
                try (ResultSet rs = ps.getGeneratedKeys()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
        synchronized (vectors) {
            vectors.put(id, v);
        }
        db.tightenPermissions();
        return new Episode(id, i);
    }

    public Optional<Episode> get(long id) {
        List<Episode> l = query("SELECT id, payload FROM episodes WHERE id = " + id);
        return l.isEmpty() ? Optional.empty() : Optional.of(l.get(0));
    }

    /** Episodes with {@code from <= at < to}, oldest first. */
    public List<Episode> between(Instant from, Instant to) {
        return query("SELECT id, payload FROM episodes WHERE at >= " + from.toEpochMilli() + " AND at < " + to.toEpochMilli()
                + " ORDER BY at, id");
    }

    /** The newest {@code limit} episodes, newest first. */
    public List<Episode> recent(int limit) {
        return query("SELECT id, payload FROM episodes ORDER BY at DESC, id DESC LIMIT " + Math.max(0, limit));
    }

    public List<Episode> all() {
        return query("SELECT id, payload FROM episodes ORDER BY at, id");
    }

    public int count() {
        return db.tx(c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM episodes")) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }

    /** Episodes closest in meaning to {@code query}, optionally within {@code [from, to)}, best first. */
    public List<Hit> search(String query, Optional<Instant> from, Optional<Instant> to, int limit) {
        float[] q = LocalEmbeddings.shared().embed(query);
        List<Episode> candidates = between(from.orElse(Instant.EPOCH), to.orElse(Instant.parse("9999-01-01T00:00:00Z")));
        List<Hit> hits = new ArrayList<>();
        for (Episode e : candidates) hits.add(new Hit(e, Vectors.cosine(q, vector(e.id()))));
        hits.sort(Comparator.comparingDouble(Hit::score).reversed());
        return hits.size() > limit ? hits.subList(0, limit) : hits;
    }

    /** Deletes episodes (the caller purges the file afterwards); returns how many were removed. */
    public int delete(Collection<Long> ids) {
        if (ids.isEmpty()) return 0;
        int n = db.tx(c -> {
            int count = 0;
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM episodes WHERE id = ?")) {
                for (long id : ids) {
                    ps.setLong(1, id);
                    count += ps.executeUpdate();
                }
            }
            return count;
        });
        synchronized (vectors) {
            ids.forEach(vectors::remove);
        }
        return n;
    }

    public void dropCache() {
        synchronized (vectors) {
            vectors.clear();
        }
    }

    float[] vector(long id) {
        synchronized (vectors) {
            float[] v = vectors.get(id);
            if (v != null) return v;
        }
        byte[] sealed = db.tx(c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT embedding FROM episodes WHERE id = " + id)) {
                return rs.next() ? rs.getBytes(1) : null;
            }
        });
        float[] v = sealed == null ? new float[0] : db.cipher().decryptVector("episodes.embedding", sealed);
        synchronized (vectors) {
            vectors.put(id, v);
        }
        return v;
    }

    private List<Episode> query(String sql) {
        List<long[]> ids = new ArrayList<>();
        List<byte[]> payloads = new ArrayList<>();
        db.tx(c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                while (rs.next()) {
                    ids.add(new long[] {rs.getLong(1)});
                    payloads.add(rs.getBytes(2));
                }
            }
            return null;
        });
        List<Episode> out = new ArrayList<>();
        for (int k = 0; k < ids.size(); k++) {
            out.add(new Episode(ids.get(k)[0], fromJson(db.cipher().decryptString("episodes.payload", payloads.get(k)))));
        }
        return out;
    }

    public ObjectNode toJson(Interaction i) {
        ObjectNode o = json.createObjectNode();
        o.put("at", i.at().toString()).put("utterance", i.utterance()).put("intent", i.intent()).put("route", i.route())
                .put("result", i.result()).put("subject", i.subject());
        i.surfaces().forEach(o.putArray("surfaces")::add);
        i.files().forEach(o.putArray("files")::add);
        return o;
    }

    private Interaction fromJson(String s) {
        try {
            JsonNode o = json.readTree(s);
            List<String> surfaces = new ArrayList<>(), files = new ArrayList<>();
            o.path("surfaces").forEach(n -> surfaces.add(n.asText()));
            o.path("files").forEach(n -> files.add(n.asText()));
            return new Interaction(Instant.parse(o.get("at").asText()), o.get("utterance").asText(), o.path("intent").asText(),
                    o.path("route").asText(), o.path("result").asText(), surfaces, files, o.path("subject").asText());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private byte[] bytes(ObjectNode o) {
        try {
            return json.writeValueAsBytes(o);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
