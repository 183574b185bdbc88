package clay.intelligence.proxy;

import clay.core.AtomicFiles;
import clay.core.ClayHome;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Cloud answers kept in {@code clay/cache/proxy}, keyed by a hash of the redacted request (so the key and the stored
 * answer hold placeholders, never personal values). Entries expire after {@code ttl}; when the directory grows past
 * {@code maxBytes} the least recently used entries go first.
 */
public final class ResponseCache {
    /** A cached answer (placeholders, not values) with the token counts of the call that produced it. */
    public record Entry(String text, String model, int inputTokens, int outputTokens, Instant created) {}

    private final Path dir;
    private final Duration ttl;
    private final long maxBytes;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();

    public ResponseCache(ClayHome home, Duration ttl, long maxBytes, Clock clock) {
        this.dir = ClayHome.ensureDir(home.cache().resolve("proxy"));
        this.ttl = ttl;
        this.maxBytes = maxBytes;
        this.clock = clock;
    }

    public static String key(String model, String canonicalRequest) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update(model.getBytes(StandardCharsets.UTF_8));
            d.update((byte) 0);
            d.update(canonicalRequest.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public synchronized Optional<Entry> get(String key) {
        Path f = dir.resolve(key + ".json");
        if (!Files.isRegularFile(f)) return Optional.empty();
        try {
            JsonNode o = json.readTree(f.toFile());
            Instant created = Instant.parse(o.get("created").asText());
            if (created.plus(ttl).isBefore(clock.instant())) {
                Files.deleteIfExists(f);
                return Optional.empty();
            }
            Files.setLastModifiedTime(f, FileTime.from(clock.instant()));
            return Optional.of(new Entry(o.get("text").asText(), o.get("model").asText(), o.get("inputTokens").asInt(),
                    o.get("outputTokens").asInt(), created));
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(f);
            } catch (IOException ignored) {
                // an unreadable entry is a miss either way
            }
            return Optional.empty();
        }
    }

    public synchronized void put(String key, Entry e) {
        ObjectNode o = json.createObjectNode();
        o.put("text", e.text()).put("model", e.model()).put("inputTokens", e.inputTokens())
                .put("outputTokens", e.outputTokens()).put("created", e.created().toString());
        Path f = dir.resolve(key + ".json");
        try {
            AtomicFiles.write(f, json.writeValueAsBytes(o));
            Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
            evict();
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot write the response cache at " + dir, ex);
        }
    }

    /** Number of entries and bytes used. */
    public synchronized long[] stats() {
        List<Path> files = files();
        long bytes = files.stream().mapToLong(ResponseCache::size).sum();
        return new long[] {files.size(), bytes};
    }

    public synchronized void clear() {
        for (Path f : files()) {
            try {
                Files.deleteIfExists(f);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private void evict() throws IOException {
        List<Path> files = files();
        long total = files.stream().mapToLong(ResponseCache::size).sum();
        files.sort(Comparator.comparing(ResponseCache::modified));
        for (Path f : files) {
            if (total <= maxBytes) break;
            total -= size(f);
            Files.deleteIfExists(f);
        }
    }

    private List<Path> files() {
        try (Stream<Path> s = Files.list(dir)) {
            return new java.util.ArrayList<>(s.filter(p -> p.toString().endsWith(".json")).toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return 0;
        }
    }

    private static FileTime modified(Path p) {
        try {
            return Files.getLastModifiedTime(p);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }
}
