package clay.runtime.fs;

import clay.fs.FileRecord;
import clay.fs.VersionInfo;
import clay.fs.find.FindHit;
import clay.fs.find.FindResult;
import clay.fs.relate.Relation;
import clay.fs.tagging.TagStore;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** ClayFS values as the API's JSON (explicit, so the wire format does not depend on Jackson modules). */
final class FsJson {
    static final ObjectMapper JSON = new ObjectMapper();

    private FsJson() {}

    static ObjectNode file(FileRecord f) {
        ObjectNode o = JSON.createObjectNode().put("id", f.id()).put("path", f.path()).put("space", f.space().dir())
                .put("size", f.size()).put("hash", f.hash()).put("mime", f.mime()).put("status", f.status().wire())
                .put("detail", f.statusDetail()).put("version", f.version()).put("type", f.docType()).put("summary", f.summary())
                .put("created", f.created().toString()).put("modified", f.modified().toString());
        f.expiresAt().ifPresent(t -> o.put("expires", t.toString()));
        return o;
    }

    static ArrayNode files(List<FileRecord> files) {
        ArrayNode a = JSON.createArrayNode();
        files.forEach(f -> a.add(file(f)));
        return a;
    }

    static ArrayNode versions(List<VersionInfo> vs) {
        ArrayNode a = JSON.createArrayNode();
        for (VersionInfo v : vs) {
            a.addObject().put("version", v.seq()).put("hash", v.hash()).put("size", v.size()).put("created", v.created().toString())
                    .put("reason", v.reason()).put("saves", v.saves());
        }
        return a;
    }

    static ObjectNode find(FindResult r) {
        ObjectNode o = JSON.createObjectNode();
        ObjectNode reading = o.putObject("reading").put("query", r.reading().query()).put("text", r.reading().text());
        r.reading().docType().ifPresent(t -> reading.put("type", t));
        r.reading().time().ifPresent(t -> reading.putObject("time").put("from", t.from().toString()).put("to", t.to().toString())
                .put("phrase", t.phrase()));
        r.reading().activity().forEach(reading.putArray("activity")::add);
        r.reading().notes().forEach(reading.putArray("notes")::add);
        ArrayNode hits = o.putArray("hits");
        for (FindHit h : r.hits()) {
            ObjectNode x = hits.addObject().put("rank", h.rank()).put("score", h.score()).put("snippet", h.snippet());
            x.set("file", file(h.file()));
            h.why().forEach(x.putArray("why")::add);
        }
        o.put("explanation", r.explain());
        return o;
    }

    static ArrayNode relations(List<Relation> rs) {
        ArrayNode a = JSON.createArrayNode();
        for (Relation r : rs) {
            a.addObject().put("path", r.path()).put("kind", r.kind()).put("reason", r.reason()).put("weight", r.weight());
        }
        return a;
    }

    static ArrayNode tags(List<TagStore.Tag> tags) {
        ArrayNode a = JSON.createArrayNode();
        tags.forEach(t -> a.addObject().put("tag", t.name()).put("source", t.source()));
        return a;
    }
}
