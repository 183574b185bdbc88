package clay.fs.relate;

import clay.fs.FileRecord;
import clay.fs.FileStatus;
import clay.fs.find.HybridRanker;
import clay.fs.index.SearchIndex;
import clay.fs.store.Catalog;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Finds a file's connections, each with its reason: explicit references by name or link (both directions), shared
 * identifiers such as bill numbers, semantic neighbours above a cosine threshold, recorded provenance (derived from,
 * generated from, kept from), and co-activity (opened or edited in the same task, or within ten minutes).
 */
public final class Relations {
    static final long SESSION_MS = 10 * 60 * 1000;

    private final Catalog catalog;
    private final SearchIndex index;
    private final double threshold;

    public Relations(Catalog catalog, SearchIndex index, double threshold) {
        this.catalog = catalog;
        this.index = index;
        this.threshold = threshold;
    }

    /** Records that {@code derived} came from {@code source}; {@code how} is e.g. "generated from", "derived from". */
    public void provenance(long derived, long source, String how, long at) {
        catalog.db().update("INSERT OR REPLACE INTO relations(src, dst, kind, reason, at) VALUES(?,?,'provenance',?,?)",
                derived, source, how, at);
    }

    public List<Relation> related(FileRecord f) {
        Map<String, Relation> out = new LinkedHashMap<>();
        var db = catalog.db();
        for (var r : db.query("""
                SELECT DISTINCT g.id, fa.value FROM facts fa JOIN files g ON lower(g.name) = fa.value
                WHERE fa.file_id = ? AND fa.kind = 'ref' AND g.id <> fa.file_id AND g.deleted = 0""",
                rs -> new Object[] {rs.getLong(1), rs.getString(2)}, f.id())) {
            add(out, (long) r[0], "references", "this file names or links to " + r[1], 1.0);
        }
        for (var r : db.query("""
                SELECT DISTINCT fa.file_id FROM facts fa JOIN files g ON g.id = fa.file_id
                WHERE fa.kind = 'ref' AND fa.value = ? AND fa.file_id <> ? AND g.deleted = 0""",
                rs -> rs.getLong(1), f.name().toLowerCase(Locale.ROOT), f.id())) {
            add(out, r, "referenced-by", "names or links to this file (" + f.name() + ")", 1.0);
        }
        for (var r : db.query("""
                SELECT b.file_id, group_concat(DISTINCT b.value) FROM facts a JOIN facts b ON a.kind = 'id' AND b.kind = 'id'
                  AND a.value = b.value AND b.file_id <> a.file_id JOIN files g ON g.id = b.file_id
                WHERE a.file_id = ? AND g.deleted = 0 GROUP BY b.file_id""",
                rs -> new Object[] {rs.getLong(1), rs.getString(2)}, f.id())) {
            add(out, (long) r[0], "shared-identifier", "both mention " + r[1], 0.9);
        }
        for (var r : db.query("""
                SELECT dst, reason, 1 FROM relations WHERE src = ? AND kind = 'provenance'
                UNION ALL SELECT src, reason, 0 FROM relations WHERE dst = ? AND kind = 'provenance'""",
                rs -> new Object[] {rs.getLong(1), rs.getString(2), rs.getInt(3)}, f.id(), f.id())) {
            String reason = ((int) r[2]) == 1 ? "this file was " + r[1] + " it" : "it was " + r[1] + " this file";
            add(out, (long) r[0], "provenance", reason, 1.0);
        }
        for (var r : db.query("""
                SELECT b.file_id, count(*), max(coalesce(a.task, '')) FROM activity a JOIN activity b ON b.file_id <> a.file_id
                  AND b.kind IN ('opened','edited') AND ((a.task IS NOT NULL AND a.task = b.task)
                  OR (a.task IS NULL AND abs(a.at - b.at) <= ?)) JOIN files g ON g.id = b.file_id
                WHERE a.file_id = ? AND a.kind IN ('opened','edited') AND g.deleted = 0 GROUP BY b.file_id""",
                rs -> new Object[] {rs.getLong(1), rs.getLong(2), rs.getString(3)}, SESSION_MS, f.id())) {
            String task = (String) r[2];
            String reason = task.isEmpty() ? "used within ten minutes of this file (" + r[1] + "x)" : "used together in task \"" + task + "\"";
            add(out, (long) r[0], "co-activity", reason, Math.min(1.0, 0.5 + 0.1 * (long) r[1]));
        }
        Optional<float[]> v = index.fileVector(String.valueOf(f.id()));
        if (v.isPresent()) {
            for (HybridRanker.Scored s : HybridRanker.perFile(index.vector(v.get(), 40, Optional.empty()))) {
                long id = Long.parseLong(s.id());
                if (id == f.id() || s.score() < threshold) continue;
                add(out, id, "similar", String.format("similar content (cosine %.2f)", s.score()), s.score());
            }
        }
        List<Long> ids = out.values().stream().map(Relation::fileId).distinct().toList();
        Map<Long, FileRecord> files = new LinkedHashMap<>();
        for (FileRecord g : catalog.byIds(ids)) if (g.status() != FileStatus.DELETED) files.put(g.id(), g);
        List<Relation> result = new ArrayList<>();
        for (Relation r : out.values()) {
            FileRecord g = files.get(r.fileId());
            if (g != null) result.add(new Relation(r.fileId(), g.path(), r.kind(), r.reason(), r.weight()));
        }
        result.sort(Comparator.comparingDouble(Relation::weight).reversed().thenComparing(Relation::path));
        return result;
    }

    private static void add(Map<String, Relation> out, long id, String kind, String reason, double weight) {
        out.putIfAbsent(id + "/" + kind, new Relation(id, "", kind, reason, weight));
    }
}
