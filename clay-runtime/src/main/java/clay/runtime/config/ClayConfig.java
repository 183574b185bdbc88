package clay.runtime.config;

import clay.core.AtomicFiles;
import clay.core.ConfigException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The user's settings, read from a TOML file. Sections are TOML tables ({@code [runtime]}, {@code [models.NAME]},
 * {@code [fs]}, ...); each module reads its own {@link #section(String)}. A file that does not parse raises a
 * {@link ConfigException} naming the file and the line; a missing file means defaults.
 *
 * <pre>{@code
 * ClayConfig cfg = ClayConfig.load(ClayConfig.defaultPath(System.getenv()));
 * int port = cfg.section("runtime").path("port").asInt(7433);
 * }</pre>
 */
public final class ClayConfig {
    private static final TomlMapper TOML = new TomlMapper();

    private final Path file;
    private final ObjectNode root;

    private ClayConfig(Path file, ObjectNode root) {
        this.file = file;
        this.root = root;
    }

    /** {@code $CLAY_CONFIG}, else {@code $XDG_CONFIG_HOME/clay/config.toml}, else {@code ~/.config/clay/config.toml}. */
    public static Path defaultPath(Map<String, String> env) {
        String explicit = env.get("CLAY_CONFIG");
        if (explicit != null && !explicit.isBlank()) return Path.of(explicit);
        String xdg = env.get("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".config");
        return base.resolve("clay/config.toml");
    }

    public static ClayConfig empty() {
        return new ClayConfig(Path.of("(none)"), JsonNodeFactory.instance.objectNode());
    }

    /** Reads {@code file}; a missing file yields an empty configuration. */
    public static ClayConfig load(Path file) {
        if (!Files.exists(file)) return new ClayConfig(file, JsonNodeFactory.instance.objectNode());
        try {
            return new ClayConfig(file, parse(file, Files.readString(file)));
        } catch (IOException e) {
            throw new ConfigException("cannot read " + file + ": " + e.getMessage(), "check the file's permissions");
        }
    }

    static ObjectNode parse(Path file, String text) {
        try {
            JsonNode tree = TOML.readTree(text);
            if (tree == null || tree.isMissingNode()) return JsonNodeFactory.instance.objectNode();
            ObjectNode root = (ObjectNode) tree;
            validate(file, root, text);
            return root;
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new ConfigException(file, line, e.getOriginalMessage());
        }
    }

    private static void validate(Path file, ObjectNode root, String text) {
        for (String section : new String[] {"runtime", "models", "cloud", "fs", "sandbox", "canvas", "memory", "proxy", "router", "user"}) {
            JsonNode s = root.get(section);
            if (s != null && !s.isObject()) {
                throw new ConfigException(file, lineOf(text, section), "'" + section + "' must be a table ([" + section + "])");
            }
        }
        JsonNode port = root.path("runtime").get("port");
        if (port != null && (!port.canConvertToInt() || port.asInt() < 0 || port.asInt() > 65535)) {
            throw new ConfigException(file, lineOf(text, "port"), "runtime.port must be a number between 0 and 65535, not " + port);
        }
        root.path("models").properties().forEach(m -> {
            if (!m.getValue().isObject()) {
                throw new ConfigException(file, lineOf(text, m.getKey()), "models." + m.getKey() + " must be a table");
            }
        });
    }

    /** The 1-based line of the first line mentioning {@code key} as a key or table, or 0. */
    static int lineOf(String text, String key) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i].strip();
            if (l.startsWith(key) || l.startsWith("[" + key) || l.contains("." + key + "]") || l.contains("." + key + " ")) return i + 1;
        }
        return 0;
    }

    public Path file() {
        return file;
    }

    /** The whole tree (a copy). */
    public ObjectNode tree() {
        return root.deepCopy();
    }

    /** A top-level table, or an empty object when absent. Never null. */
    public ObjectNode section(String name) {
        JsonNode n = root.get(name);
        return n instanceof ObjectNode o ? o.deepCopy() : JsonNodeFactory.instance.objectNode();
    }

    /** A dotted key such as {@code runtime.port}. */
    public Optional<JsonNode> get(String dottedKey) {
        JsonNode n = root;
        for (String part : dottedKey.split("\\.")) {
            n = n.get(part);
            if (n == null) return Optional.empty();
        }
        return Optional.of(n);
    }

    /** The text of the file as TOML. */
    public String toToml() {
        try {
            return TOML.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Returns a copy with {@code dottedKey} set to {@code value} (parsed as a TOML value where it can be: numbers,
     * booleans, quoted strings; otherwise kept as a string), written atomically to the file.
     */
    public ClayConfig with(String dottedKey, String value) {
        ObjectNode copy = root.deepCopy();
        String[] parts = dottedKey.split("\\.");
        ObjectNode node = copy;
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode child = node.get(parts[i]);
            if (!(child instanceof ObjectNode)) child = node.putObject(parts[i]);
            node = (ObjectNode) child;
        }
        node.set(parts[parts.length - 1], parseValue(value));
        return write(copy);
    }

    /** Returns a copy with {@code dottedKey} removed, written to the file. */
    public ClayConfig without(String dottedKey) {
        ObjectNode copy = root.deepCopy();
        String[] parts = dottedKey.split("\\.");
        JsonNode node = copy;
        for (int i = 0; i < parts.length - 1 && node != null; i++) node = node.get(parts[i]);
        if (node instanceof ObjectNode o) o.remove(parts[parts.length - 1]);
        return write(copy);
    }

    private ClayConfig write(ObjectNode tree) {
        try {
            String text = TOML.writeValueAsString(tree);
            parse(file, text);
            Files.createDirectories(file.toAbsolutePath().getParent());
            AtomicFiles.writeString(file, "# Clay configuration - see docs/configuration.md\n" + text);
            return new ClayConfig(file, tree);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static JsonNode parseValue(String value) {
        try {
            return TOML.readTree("v = " + value).get("v");
        } catch (JsonProcessingException e) {
            return JsonNodeFactory.instance.textNode(value);
        }
    }
}
