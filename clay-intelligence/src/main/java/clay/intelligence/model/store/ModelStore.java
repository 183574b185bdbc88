package clay.intelligence.model.store;

import clay.core.AtomicFiles;
import clay.core.ClayHome;
import clay.core.ConfigException;
import clay.core.InvalidInputException;
import clay.core.ModelUnavailableException;
import clay.intelligence.llama.GgufFile;
import clay.intelligence.model.ModelSpec;
import clay.intelligence.model.ModelSpec.Kind;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The models a user added ({@code clay models add}) or pulled ({@code clay models pull}), kept in
 * {@code $CLAY_HOME/models/models.json}; pulled GGUF files live beside it. Models from the configuration file are
 * not here: the runtime reads both, the configuration winning on a name clash.
 *
 * <pre>{@code
 * ModelStore store = ModelStore.open(home);
 * store.add("mine", "/data/qwen.gguf");              // checked as GGUF first
 * store.pull("qwen2.5-1.5b", progress);              // from the built-in catalog, checksummed
 * }</pre>
 */
public final class ModelStore {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** One stored model: its spec, and for downloaded files the source URL and SHA-256. */
    public record Entry(ModelSpec spec, @Nullable String source, @Nullable String sha256) {}

    private final Path dir;
    private final Path file;
    private final Download download;

    private ModelStore(Path dir, Download download) {
        this.dir = dir;
        this.file = dir.resolve("models.json");
        this.download = download;
    }

    public static ModelStore open(ClayHome home) {
        return new ModelStore(ClayHome.ensureDir(home.models()), new Download());
    }

    static ModelStore open(Path dir, Download download) {
        return new ModelStore(ClayHome.ensureDir(dir), download);
    }

    public Path directory() {
        return dir;
    }

    public synchronized List<Entry> list() {
        return List.copyOf(read().values());
    }

    public synchronized Optional<Entry> get(String name) {
        return Optional.ofNullable(read().get(name));
    }

    /**
     * Adds {@code name} from a local GGUF path (checked, not copied), a {@code .gguf} URL (downloaded here), or a
     * server URL (an OpenAI-compatible server; Ollama when it is {@code :11434} without {@code /v1}).
     *
     * @throws ConfigException when the name could not be a file name in the store (checked before anything is written)
     * @throws InvalidInputException when the name is taken and {@code replace} is false
     * @throws ModelUnavailableException when the file is missing or not a valid GGUF
     */
    public synchronized Entry add(String name, String pathOrUrl, @Nullable String modelId, boolean replace,
            Download.Progress progress) {
        ModelSpec.checkName(name);
        checkFree(name, replace);
        String where = pathOrUrl.strip();
        Entry entry;
        if (where.matches("(?i)https?://.*")) {
            URI uri = URI.create(where);
            if (uri.getPath() != null && uri.getPath().toLowerCase().endsWith(".gguf")) {
                Download.Result r = download.fetch(uri, dir.resolve(name + ".gguf"), null, progress);
                entry = new Entry(ModelSpec.llamaCpp(name, r.file()), where, r.sha256());
            } else {
                Kind kind = uri.getPort() == 11434 && !uri.getPath().contains("/v1") ? Kind.OLLAMA : Kind.OPENAI_COMPATIBLE;
                entry = new Entry(ModelSpec.server(name, kind, where, modelId == null ? "" : modelId), null, null);
            }
        } else {
            Path path = Path.of(where.startsWith("~/") ? System.getProperty("user.home") + where.substring(1) : where)
                    .toAbsolutePath().normalize();
            GgufFile.inspect(path);
            entry = new Entry(ModelSpec.llamaCpp(name, path), null, null);
        }
        return save(entry);
    }

    /** Adds a fully described model (e.g. a cloud model), replacing one of the same name when {@code replace}. */
    public synchronized Entry add(ModelSpec spec, boolean replace) {
        checkFree(spec.name(), replace);
        return save(new Entry(spec, null, null));
    }

    /**
     * Downloads a catalog model into the store under its catalog name (or {@code as}), verifying its pinned SHA-256.
     *
     * @throws InvalidInputException when {@code catalogName} is not in the catalog
     */
    public Entry pull(String catalogName, @Nullable String as, Download.Progress progress) {
        CatalogEntry c = CatalogEntry.find(catalogName).orElseThrow(() -> new InvalidInputException(
                "no model '" + catalogName + "' in the catalog", "pick one of: " + String.join(", ",
                        CatalogEntry.BUILT_IN.stream().map(CatalogEntry::name).toList())));
        return pull(c, as == null ? c.name() : as, progress);
    }

    /** Downloads {@code entry} (tests point one at a local server). */
    public Entry pull(CatalogEntry entry, String name, Download.Progress progress) {
        ModelSpec.checkName(name);
        String fileName = URI.create(entry.url()).getPath().replaceAll(".*/", "");
        Download.Result r = download.fetch(URI.create(entry.url()), dir.resolve(fileName),
                entry.pinnedSha256().orElse(null), progress);
        ModelSpec spec = ModelSpec.llamaCpp(name, r.file());
        synchronized (this) {
            return save(new Entry(spec, entry.url(), r.sha256()));
        }
    }

    /**
     * Every model a Clay process should know: the configuration's {@code [models.NAME]} tables (given as a JSON
     * object of objects), then the stored ones whose names the configuration does not use.
     *
     * @throws ConfigException naming the table when a configured model is malformed
     */
    public synchronized List<ModelSpec> merged(JsonNode configTables) {
        Map<String, ModelSpec> all = new LinkedHashMap<>();
        if (configTables != null && configTables.isObject()) {
            configTables.properties().forEach(t -> {
                Map<String, Object> settings = JSON.convertValue(t.getValue(), new TypeReference<>() {});
                try {
                    all.put(t.getKey(), ModelSpec.of(t.getKey(), settings));
                } catch (ConfigException e) {
                    throw new ConfigException("[models." + t.getKey() + "]: " + e.getMessage(), e.fix().orElse(null));
                }
            });
        }
        read().forEach((name, e) -> all.putIfAbsent(name, e.spec()));
        return List.copyOf(all.values());
    }

    /** Writes {@link clay.intelligence.llama.TinyGguf} into the store as {@code name}: a real, tiny, nonsense model. */
    public synchronized Entry addTiny(String name, boolean replace) {
        ModelSpec.checkName(name);
        checkFree(name, replace);
        Path file = clay.intelligence.llama.TinyGguf.write(dir.resolve(name + ".gguf"));
        return save(new Entry(ModelSpec.llamaCpp(name, file), "tiny", null));
    }

    /** Forgets {@code name}; deletes its file when the store downloaded it. True when it was known. */
    public synchronized boolean remove(String name) {
        Map<String, Entry> all = read();
        Entry e = all.remove(name);
        if (e == null) return false;
        write(all);
        if (e.source() != null && e.spec().kind() == Kind.LLAMA_CPP) {
            Path f = Path.of(e.spec().location());
            if (f.startsWith(dir)) {
                try {
                    Files.deleteIfExists(f);
                } catch (IOException ignored) {
                    // the entry is gone; a leftover file is harmless
                }
            }
        }
        return true;
    }

    private void checkFree(String name, boolean replace) {
        if (!replace && read().containsKey(name)) {
            throw new InvalidInputException("a model named '" + name + "' already exists",
                    "pick another name, or pass --force to replace it");
        }
    }

    private Entry save(Entry entry) {
        Map<String, Entry> all = read();
        all.put(entry.spec().name(), entry);
        write(all);
        return entry;
    }

    private Map<String, Entry> read() {
        Map<String, Entry> out = new LinkedHashMap<>();
        if (!Files.exists(file)) return out;
        Map<String, Map<String, Object>> raw;
        try {
            raw = JSON.readValue(file.toFile(), new TypeReference<>() {});
        } catch (IOException e) {
            throw new ConfigException(file + " is not readable JSON: " + e.getMessage(),
                    "fix or delete it (it only lists added models; the model files stay)");
        }
        raw.forEach((name, m) -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> settings = (Map<String, Object>) m.getOrDefault("settings", Map.of());
            out.put(name, new Entry(ModelSpec.of(name, settings), (String) m.get("source"), (String) m.get("sha256")));
        });
        return out;
    }

    private void write(Map<String, Entry> all) {
        Map<String, Object> raw = new LinkedHashMap<>();
        all.forEach((name, e) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("settings", e.spec().settings());
            if (e.source() != null) m.put("source", e.source());
            if (e.sha256() != null) m.put("sha256", e.sha256());
            raw.put(name, m);
        });
        try {
            AtomicFiles.write(file, JSON.writeValueAsBytes(raw));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
