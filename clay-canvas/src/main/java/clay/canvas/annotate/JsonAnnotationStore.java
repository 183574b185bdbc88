package clay.canvas.annotate;

import clay.canvas.spec.Specs;
import clay.core.AtomicFiles;
import clay.core.ClayException;
import clay.core.ClayHome;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Notes as one small JSON file per file version under {@code ClayHome.state("canvas")/annotations}, written
 * atomically. Plenty for notes a person types; ClayFS can offer a store of its own through {@link AnnotationStore}.
 */
public final class JsonAnnotationStore implements AnnotationStore {
    private final Path dir;

    private JsonAnnotationStore(Path dir) {
        this.dir = ClayHome.ensureDir(dir);
    }

    public static JsonAnnotationStore open(ClayHome home) {
        return new JsonAnnotationStore(home.state("canvas").resolve("annotations"));
    }

    @Override
    public synchronized List<Annotation> list(FileKey file) {
        Path p = fileFor(file);
        if (!Files.exists(p)) return List.of();
        try {
            List<Annotation> out = new ArrayList<>();
            for (JsonNode n : Specs.json().readTree(p.toFile()).path("annotations")) {
                out.add(new Annotation(n.get("id").asText(), n.get("start").asInt(), n.get("end").asInt(),
                        n.path("quote").asText(), n.get("note").asText(), Instant.parse(n.get("created").asText())));
            }
            return out;
        } catch (IOException | RuntimeException e) {
            throw new ClayException("cannot read notes in " + p + ": " + e.getMessage(), "Move the damaged file away; notes in it are lost.", e);
        }
    }

    @Override
    public synchronized Annotation add(FileKey file, int start, int end, String quote, String note) {
        Annotation a = new Annotation(UUID.randomUUID().toString().substring(0, 12), start, end, quote, note.strip(), Instant.now());
        List<Annotation> all = new ArrayList<>(list(file));
        all.add(a);
        write(file, all);
        return a;
    }

    @Override
    public synchronized boolean remove(FileKey file, String annotationId) {
        List<Annotation> all = new ArrayList<>(list(file));
        boolean removed = all.removeIf(a -> a.id().equals(annotationId));
        if (removed) write(file, all);
        return removed;
    }

    private void write(FileKey file, List<Annotation> all) {
        ObjectNode root = Specs.json().createObjectNode();
        root.put("path", file.path()).put("hash", file.hash());
        ArrayNode arr = root.putArray("annotations");
        for (Annotation a : all) {
            arr.addObject().put("id", a.id()).put("start", a.start()).put("end", a.end()).put("quote", a.quote())
                    .put("note", a.note()).put("created", a.created().toString());
        }
        try {
            AtomicFiles.writeString(fileFor(file), Specs.json().writerWithDefaultPrettyPrinter().writeValueAsString(root));
        } catch (IOException e) {
            throw new ClayException("cannot save note: " + e.getMessage(), "Check free space and permissions of " + dir + ".", e);
        }
    }

    private Path fileFor(FileKey file) {
        return dir.resolve(FileKey.sha256(file.path()).substring(0, 32) + "-" + file.hash().substring(0, Math.min(32, file.hash().length())) + ".json");
    }
}
