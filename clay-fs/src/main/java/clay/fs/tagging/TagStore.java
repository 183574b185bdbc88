package clay.fs.tagging;

import clay.fs.store.FsDatabase;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Tags and facts of files in the catalogue. AI tags are replaced on every re-tag; user tags are never touched by
 * tagging and win: a tag the user removed stays hidden even when the AI proposes it again, and the user's document
 * type overrides the AI's.
 */
public final class TagStore {
    private final FsDatabase db;

    public TagStore(FsDatabase db) {
        this.db = db;
    }

    /** Replaces everything the tagger said about {@code fileId} (never the user's tags or type). */
    public void saveAi(long fileId, Tagging t) {
        db.tx(() -> {
            db.update("DELETE FROM tags WHERE file_id = ? AND source = 'ai'", fileId);
            db.update("DELETE FROM facts WHERE file_id = ?", fileId);
            for (String tag : t.tags()) db.update("INSERT OR IGNORE INTO tags(file_id, tag, source) VALUES(?,?,'ai')", fileId, tag);
            for (Tagging.Fact f : t.entities()) fact(fileId, "entity:" + f.kind(), f.value());
            for (String d : t.dates()) fact(fileId, "date", d);
            for (String id : t.identifiers()) fact(fileId, "id", id);
            for (String r : t.references()) fact(fileId, "ref", r);
            fact(fileId, "tagger", t.source());
            db.update("UPDATE files SET summary = ?, ai_type = ? WHERE id = ?", t.summary(), t.docType(), fileId);
            return null;
        });
    }

    private void fact(long fileId, String kind, String value) {
        db.update("INSERT OR IGNORE INTO facts(file_id, kind, value) VALUES(?,?,?)", fileId, kind, value);
    }

    /** Applies the user's edits: added tags, removed tags, and optionally a document type. */
    public void saveUser(long fileId, Collection<String> add, Collection<String> remove, Optional<String> type) {
        db.tx(() -> {
            for (String raw : add) {
                String tag = norm(raw);
                db.update("INSERT INTO tags(file_id, tag, source, removed) VALUES(?,?,'user',0)"
                        + " ON CONFLICT(file_id, tag, source) DO UPDATE SET removed = 0", fileId, tag);
            }
            for (String raw : remove) {
                String tag = norm(raw);
                db.update("INSERT INTO tags(file_id, tag, source, removed) VALUES(?,?,'user',1)"
                        + " ON CONFLICT(file_id, tag, source) DO UPDATE SET removed = 1", fileId, tag);
            }
            type.ifPresent(t -> db.update("UPDATE files SET user_type = ? WHERE id = ?", t.isBlank() ? null : norm(t), fileId));
            return null;
        });
    }

    /** Tag with its source: {@code user} or {@code ai}. */
    public record Tag(String name, String source) {}

    /** Effective tags: the user's, then the AI's that the user has not removed. */
    public List<Tag> tags(long fileId) {
        return db.query("""
                SELECT tag, source FROM tags t WHERE file_id = ? AND removed = 0 AND (source = 'user' OR NOT EXISTS
                  (SELECT 1 FROM tags u WHERE u.file_id = t.file_id AND u.tag = t.tag AND u.source = 'user'))
                ORDER BY source DESC, rowid""", rs -> new Tag(rs.getString(1), rs.getString(2)), fileId);
    }

    public List<Tagging.Fact> facts(long fileId) {
        return db.query("SELECT kind, value FROM facts WHERE file_id = ? ORDER BY kind, value",
                rs -> new Tagging.Fact(rs.getString(1), rs.getString(2)), fileId);
    }

    static String norm(String tag) {
        return tag.strip().toLowerCase(Locale.ROOT);
    }
}
