package clay.sandbox.program;

import clay.core.AtomicFiles;
import clay.core.ClayHome;
import clay.core.InvalidInputException;
import clay.core.TrustLevel;
import clay.sandbox.manifest.Language;
import clay.sandbox.manifest.Program;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The programs Clay wrote, one directory each under {@code clay/generated/}: {@code program.EXT}, {@code manifest.json}
 * (name, language, hash, trust, capabilities, request, times) and {@code runs.jsonl} (run history, appended).
 */
public final class ProgramStore {
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final int MAX_HISTORY = 1000;

    private final Path root;

    public ProgramStore(Path root) {
        this.root = ClayHome.ensureDir(root);
    }

    /** Saves (or replaces) a program under {@code name}; a new source keeps the creation time and sets the new hash. */
    public synchronized StoredProgram save(String name, Program program, TrustLevel trust, String request) {
        String slug = slug(name);
        Path dir = root.resolve(slug);
        Optional<StoredProgram> old = find(slug);
        try {
            Files.createDirectories(dir);
            Path src = dir.resolve("program." + program.language().extension());
            if (old.isPresent() && !old.get().source().equals(src)) Files.deleteIfExists(old.get().source());
            AtomicFiles.writeString(src, program.source());
            StoredProgram sp = new StoredProgram(slug, program.language(), program.hash(),
                    old.isPresent() && old.get().hash().equals(program.hash()) ? old.get().trust() : trust,
                    new ArrayList<>(program.manifest().wireNames()), request,
                    old.map(StoredProgram::created).orElse(Instant.now()), Instant.now(), src);
            writeManifest(dir, sp);
            return sp;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save program " + slug, e);
        }
    }

    public Optional<StoredProgram> find(String name) {
        Path m = root.resolve(slug(name)).resolve("manifest.json");
        if (!Files.exists(m)) return Optional.empty();
        try {
            ObjectNode n = (ObjectNode) JSON.readTree(m.toFile());
            List<String> caps = new ArrayList<>();
            n.withArray("capabilities").forEach(c -> caps.add(c.asText()));
            return Optional.of(new StoredProgram(n.get("name").asText(), Language.parse(n.get("language").asText()),
                    n.get("hash").asText(), TrustLevel.valueOf(n.get("trust").asText()), caps, n.path("request").asText(""),
                    Instant.parse(n.get("created").asText()), Instant.parse(n.get("updated").asText()),
                    m.getParent().resolve(n.get("file").asText())));
        } catch (IOException | RuntimeException e) {
            throw new InvalidInputException("the manifest of program " + name + " is damaged: " + e.getMessage(),
                    "delete " + m.getParent() + " or fix its manifest.json");
        }
    }

    public StoredProgram require(String name) {
        return find(name).orElseThrow(() -> new InvalidInputException("no program named " + name, "see clay programs list"));
    }

    /** The program's current source, parsed (its hash recomputed from what is on disk now). */
    public Program load(String name) {
        StoredProgram sp = require(name);
        try {
            return Program.of(sp.name(), sp.language(), Files.readString(sp.source(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + sp.source(), e);
        }
    }

    public List<StoredProgram> list() {
        if (!Files.isDirectory(root)) return List.of();
        try (Stream<Path> s = Files.list(root)) {
            return s.filter(d -> Files.exists(d.resolve("manifest.json"))).map(d -> find(d.getFileName().toString()))
                    .flatMap(Optional::stream).sorted(java.util.Comparator.comparing(StoredProgram::updated).reversed()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root, e);
        }
    }

    /** Sets the trust level (promotion to user-approved, or back). */
    public synchronized StoredProgram setTrust(String name, TrustLevel trust) {
        StoredProgram sp = require(name);
        StoredProgram changed = new StoredProgram(sp.name(), sp.language(), sp.hash(), trust, sp.capabilities(), sp.request(),
                sp.created(), Instant.now(), sp.source());
        try {
            writeManifest(sp.source().getParent(), changed);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot update " + name, e);
        }
        return changed;
    }

    public synchronized void recordRun(String name, RunRecord run) {
        Path dir = root.resolve(slug(name));
        if (!Files.isDirectory(dir)) return;
        try {
            Files.writeString(dir.resolve("runs.jsonl"), JSON.writeValueAsString(run) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record a run of " + name, e);
        }
    }

    /** The newest runs first, at most {@code limit}. */
    public List<RunRecord> history(String name, int limit) {
        Path f = root.resolve(slug(name)).resolve("runs.jsonl");
        if (!Files.exists(f)) return List.of();
        try {
            List<String> lines = Files.readAllLines(f);
            List<RunRecord> out = new ArrayList<>();
            for (int i = lines.size() - 1; i >= 0 && out.size() < Math.min(limit, MAX_HISTORY); i--) {
                if (!lines.get(i).isBlank()) out.add(JSON.readValue(lines.get(i), RunRecord.class));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the history of " + name, e);
        }
    }

    private void writeManifest(Path dir, StoredProgram sp) throws IOException {
        ObjectNode n = JSON.createObjectNode();
        n.put("name", sp.name());
        n.put("language", sp.language().wireName());
        n.put("hash", sp.hash());
        n.put("trust", sp.trust().name());
        n.putPOJO("capabilities", sp.capabilities());
        n.put("request", sp.request());
        n.put("created", sp.created().toString());
        n.put("updated", sp.updated().toString());
        n.put("file", sp.source().getFileName().toString());
        AtomicFiles.writeString(dir.resolve("manifest.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(n));
    }

    /** Lowercase letters, digits and dashes, 1..48 characters; throws on names with nothing usable. */
    public static String slug(String name) {
        String s = name.toLowerCase(Locale.ROOT).replaceAll("\\.(py|js|mjs|java|rs)$", "").replaceAll("[^a-z0-9]+", "-")
                .replaceAll("^-+|-+$", "");
        if (s.isEmpty()) throw new InvalidInputException("program name '" + name + "' has no letters or digits", "name it in words");
        return s.length() > 48 ? s.substring(0, 48).replaceAll("-+$", "") : s;
    }
}
