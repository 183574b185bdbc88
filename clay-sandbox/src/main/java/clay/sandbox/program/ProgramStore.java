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
import clay.core.ClayException;
import clay.sandbox.store.SandboxDb;
import java.io.IOException;
import java.nio.file.LinkOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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
 * The programs Clay wrote, one directory each under {@code clay/generated/}: {@code program.EXT} (the source),
 * {@code runs.jsonl} (run history, appended) and {@code manifest.json}, a copy of the record for people to read. What
 * Clay relies on (name, language, source hash, trust level, capabilities, file name) lives in Clay's own SQLite
 * store under {@code state/sandbox/}, never in the program's directory: a manifest edited on disk changes nothing, and
 * a source edited on disk has another hash, so it is asked about again. A directory without a record (a program kept
 * before records existed) is adopted as AI-generated, which always asks.
 */
public final class ProgramStore implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final int MAX_HISTORY = 1000;
    private static final java.util.regex.Pattern FILE = java.util.regex.Pattern.compile("program\\.(py|js|java|rs)");

    private final Path root;
    private final Connection db;

    private ProgramStore(Path root, Path dbFile) {
        this.root = ClayHome.ensureDir(root);
        this.db = SandboxDb.open(dbFile, "the program store",
                "CREATE TABLE IF NOT EXISTS programs (name TEXT PRIMARY KEY, language TEXT NOT NULL, hash TEXT NOT NULL,"
                        + " trust TEXT NOT NULL, capabilities TEXT NOT NULL, request TEXT NOT NULL, created TEXT NOT NULL,"
                        + " updated TEXT NOT NULL, file TEXT NOT NULL)");
    }

    /** The store of {@code home}: programs under {@code clay/generated}, records in {@code state/sandbox/sandbox.db}. */
    public static ProgramStore open(ClayHome home) {
        return new ProgramStore(home.generated(), ClayHome.ensureDir(home.state("sandbox")).resolve("sandbox.db"));
    }

    /**
     * Saves (or replaces) a program under {@code name}; a new source keeps the creation time and sets the new hash.
     * Only user-approved, AI-generated and external are kept: core is Clay itself, never a stored program.
     */
    public synchronized StoredProgram save(String name, Program program, TrustLevel trust, String request) {
        if (trust == TrustLevel.CORE) throw new InvalidInputException("a kept program cannot be core", "keep it as ai-generated");
        String slug = slug(name);
        Path dir = root.resolve(slug);
        Optional<StoredProgram> old = find(slug);
        try {
            if (Files.isSymbolicLink(dir)) Files.delete(dir);
            Files.createDirectories(dir);
            requireRealDirectory(dir);
            String file = "program." + program.language().extension();
            if (old.isPresent() && !old.get().source().getFileName().toString().equals(file)) {
                Files.deleteIfExists(old.get().source());
            }
            AtomicFiles.writeString(dir.resolve(file), program.source());
            StoredProgram sp = new StoredProgram(slug, program.language(), program.hash(),
                    old.isPresent() && old.get().hash().equals(program.hash()) ? old.get().trust() : trust,
                    new ArrayList<>(program.manifest().wireNames()), request,
                    old.map(StoredProgram::created).orElse(Instant.now()), Instant.now(), dir.resolve(file));
            upsert(sp);
            return sp;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save program " + slug, e);
        }
    }

    /** The record of a kept program (from Clay's store, not from its directory). */
    public synchronized Optional<StoredProgram> find(String name) {
        String slug = slug(name);
        try (PreparedStatement ps = db.prepareStatement(
                "SELECT name, language, hash, trust, capabilities, request, created, updated, file FROM programs WHERE name = ?")) {
            ps.setString(1, slug);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) return Optional.of(row(rs));
            }
        } catch (SQLException e) {
            throw failure(e);
        }
        return adopt(slug);
    }

    /** A program directory without a record: adopted as AI-generated from its source file alone. */
    private Optional<StoredProgram> adopt(String slug) {
        Path dir = root.resolve(slug);
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) return Optional.empty();
        try (Stream<Path> s = Files.list(dir)) {
            Optional<Path> src = s.filter(f -> FILE.matcher(f.getFileName().toString()).matches())
                    .filter(f -> Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)).findFirst();
            if (src.isEmpty()) return Optional.empty();
            Program p = read(slug, Language.ofFile(src.get()), src.get());
            Instant now = Instant.now();
            StoredProgram sp = new StoredProgram(slug, p.language(), p.hash(), TrustLevel.AI_GENERATED,
                    new ArrayList<>(p.manifest().wireNames()), "", now, now, src.get());
            upsert(sp);
            return Optional.of(sp);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    public StoredProgram require(String name) {
        return find(name).orElseThrow(() -> new InvalidInputException("no program named " + name, "see clay programs list"));
    }

    /**
     * The program's current source, parsed (its hash recomputed from what is on disk now, which may differ from the
     * record's: approvals then no longer match and the user is asked again). The file is read without following a
     * symlink, from the program's own directory only.
     */
    public Program load(String name) {
        StoredProgram sp = require(name);
        return read(sp.name(), sp.language(), sp.source());
    }

    private Program read(String name, Language language, Path file) {
        Path dir = root.resolve(slug(name));
        if (!file.getParent().equals(dir) || !FILE.matcher(file.getFileName().toString()).matches()) {
            throw new InvalidInputException("program " + name + " names a file outside its directory", "save it again");
        }
        try {
            requireRealDirectory(dir);
            try (var in = Files.newInputStream(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
                byte[] b = in.readNBytes(Program.MAX_SOURCE_BYTES + 1);
                return Program.of(name, language, new String(b, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new InvalidInputException("cannot read program " + name + ": " + e.getMessage(),
                    "the source must be a plain file in " + dir, e);
        }
    }

    private void requireRealDirectory(Path dir) throws IOException {
        if (!dir.toRealPath().equals(root.toRealPath().resolve(dir.getFileName().toString()))) {
            throw new IOException(dir + " goes through a symlink");
        }
    }

    public List<StoredProgram> list() {
        if (!Files.isDirectory(root)) return List.of();
        try (Stream<Path> s = Files.list(root)) {
            return s.filter(d -> Files.isDirectory(d, LinkOption.NOFOLLOW_LINKS)).map(d -> d.getFileName().toString())
                    .filter(n -> n.equals(safeSlug(n))).map(this::find).flatMap(Optional::stream)
                    .sorted(java.util.Comparator.comparing(StoredProgram::updated).reversed()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root, e);
        }
    }

    /** Sets the trust level (promotion to user-approved, or back). */
    public synchronized StoredProgram setTrust(String name, TrustLevel trust) {
        if (trust == TrustLevel.CORE) throw new InvalidInputException("a kept program cannot be core", "promote it to user-approved");
        StoredProgram sp = require(name);
        StoredProgram changed = new StoredProgram(sp.name(), sp.language(), sp.hash(), trust, sp.capabilities(), sp.request(),
                sp.created(), Instant.now(), sp.source());
        upsert(changed);
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

    private void upsert(StoredProgram sp) {
        try (PreparedStatement ps = db.prepareStatement("INSERT OR REPLACE INTO programs VALUES (?,?,?,?,?,?,?,?,?)")) {
            ps.setString(1, sp.name());
            ps.setString(2, sp.language().wireName());
            ps.setString(3, sp.hash());
            ps.setString(4, sp.trust().name());
            ps.setString(5, JSON.writeValueAsString(sp.capabilities()));
            ps.setString(6, sp.request());
            ps.setString(7, sp.created().toString());
            ps.setString(8, sp.updated().toString());
            ps.setString(9, sp.source().getFileName().toString());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw failure(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            writeManifest(sp.source().getParent(), sp);
        } catch (IOException e) {
            // the copy for people is a convenience; the record above is what counts
        }
    }

    private StoredProgram row(ResultSet rs) throws SQLException {
        String name = rs.getString(1);
        String file = rs.getString(9);
        if (!FILE.matcher(file).matches()) throw new ClayException("the record of program " + name + " is damaged", null);
        List<String> caps = new ArrayList<>();
        try {
            JSON.readTree(rs.getString(5)).forEach(c -> caps.add(c.asText()));
        } catch (IOException e) {
            throw new ClayException("the record of program " + name + " is damaged", null, e);
        }
        return new StoredProgram(name, Language.parse(rs.getString(2)), rs.getString(3), TrustLevel.valueOf(rs.getString(4)),
                caps, rs.getString(6), Instant.parse(rs.getString(7)), Instant.parse(rs.getString(8)),
                root.resolve(name).resolve(file));
    }

    private static ClayException failure(SQLException e) {
        return new ClayException("program store failed: " + e.getMessage(), null, e);
    }

    @Override
    public synchronized void close() {
        try {
            db.close();
        } catch (SQLException ignored) {
            // closing anyway
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
        n.put("note", "a copy for people to read: Clay keeps the record in its own store and ignores edits here");
        AtomicFiles.writeString(dir.resolve("manifest.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(n));
    }

    private static String safeSlug(String name) {
        try {
            return slug(name);
        } catch (InvalidInputException e) {
            return "";
        }
    }

    /** Lowercase letters, digits and dashes, 1..48 characters; throws on names with nothing usable. */
    public static String slug(String name) {
        String s = name.toLowerCase(Locale.ROOT).replaceAll("\\.(py|js|mjs|java|rs)$", "").replaceAll("[^a-z0-9]+", "-")
                .replaceAll("^-+|-+$", "");
        if (s.isEmpty()) throw new InvalidInputException("program name '" + name + "' has no letters or digits", "name it in words");
        return s.length() > 48 ? s.substring(0, 48).replaceAll("-+$", "") : s;
    }
}
