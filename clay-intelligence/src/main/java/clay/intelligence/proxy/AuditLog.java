package clay.intelligence.proxy;

import clay.core.ClayHome;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Every request that left the machine, one JSON line each, in {@code state/proxy/audit.jsonl} (owner-only). It records
 * what was redacted as classes and counts, never the values, so the log itself leaks nothing.
 */
public final class AuditLog {

    /**
     * One request that left.
     *
     * @param id the request's id
     * @param at when it was sent
     * @param model the cloud model
     * @param provider the provider kind ({@code anthropic}, {@code openai})
     * @param intent the intent behind it
     * @param reason why the router chose the cloud
     * @param decision what the policy decided ({@code send}, {@code send_redacted}, {@code ask})
     * @param approvedBy {@code policy} or {@code user}
     * @param redacted classes and counts of replaced values
     * @param requestChars characters sent
     * @param responseChars characters received
     * @param inputTokens tokens sent (reported by the provider, else estimated)
     * @param outputTokens tokens received
     * @param costUsd estimated cost in US dollars
     * @param streamed whether the answer was streamed
     * @param outcome {@code ok} or {@code error: ...}
     */
    public record Entry(String id, Instant at, String model, String provider, String intent, String reason,
            String decision, String approvedBy, Map<String, Integer> redacted, int requestChars, int responseChars,
            int inputTokens, int outputTokens, double costUsd, boolean streamed, String outcome) {}

    private final Path file;
    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    public AuditLog(ClayHome home) {
        this.file = ClayHome.ensureDir(home.state("proxy")).resolve("audit.jsonl");
    }

    public Path file() {
        return file;
    }

    public synchronized void append(Entry e) {
        try {
            boolean created = !Files.exists(file);
            Files.write(file, (json.writeValueAsString(e) + "\n").getBytes(StandardCharsets.UTF_8), StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND, StandardOpenOption.WRITE);
            if (created) Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot write the proxy audit log " + file, ex);
        }
    }

    /** The newest {@code limit} entries, oldest first. */
    public synchronized List<Entry> list(int limit) {
        List<Entry> all = new ArrayList<>();
        if (!Files.exists(file)) return all;
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.isBlank()) continue;
                try {
                    all.add(json.readValue(line, Entry.class));
                } catch (IOException damaged) {
                    // a torn last line after a crash is skipped, the rest stays readable
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return all.size() <= limit ? all : all.subList(all.size() - limit, all.size());
    }

    /** Writes every entry as one JSON array to {@code target}. */
    public synchronized void export(Path target) {
        try {
            json.writerWithDefaultPrettyPrinter().writeValue(target.toFile(), list(Integer.MAX_VALUE));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot export the audit log to " + target, e);
        }
    }

    /** Deletes the log; returns how many entries it held. */
    public synchronized int wipe() {
        int n = list(Integer.MAX_VALUE).size();
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return n;
    }

    /** US dollars per million input and output tokens, by model-name prefix; an estimate, list prices of 2025. */
    static double cost(String model, int in, int out) {
        String m = model.toLowerCase(java.util.Locale.ROOT);
        double[] p = m.contains("opus") ? new double[] {15, 75}
                : m.contains("haiku") ? new double[] {0.8, 4}
                : m.contains("sonnet") || m.startsWith("claude") ? new double[] {3, 15}
                : m.contains("gpt-4o-mini") ? new double[] {0.15, 0.6}
                : m.contains("gpt-4.1-nano") ? new double[] {0.1, 0.4}
                : m.contains("gpt-4.1-mini") ? new double[] {0.4, 1.6}
                : m.contains("gpt-4.1") ? new double[] {2, 8}
                : m.contains("gpt-4o") ? new double[] {2.5, 10}
                : m.startsWith("o1") ? new double[] {15, 60}
                : m.startsWith("o3-mini") || m.startsWith("o4-mini") ? new double[] {1.1, 4.4}
                : m.startsWith("o3") ? new double[] {2, 8}
                : m.startsWith("gpt-5") ? new double[] {1.25, 10}
                : new double[] {3, 15};
        return (in * p[0] + out * p[1]) / 1_000_000.0;
    }
}
