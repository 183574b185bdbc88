package clay.cli.memory;

import clay.cli.TerminalText;
import clay.cli.ApiClient;
import clay.core.InvalidInputException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code clay memory ...}: a thin client of {@code /api/memory}. */
@Command(name = "memory", mixinStandardHelpOptions = true,
        description = "What Clay remembers: show, search, recall, remember, forget, export, retention.",
        subcommands = {MemoryCommand.Show.class, MemoryCommand.Search.class, MemoryCommand.Recall.class,
            MemoryCommand.Remember.class, MemoryCommand.Forget.class, MemoryCommand.Export.class, MemoryCommand.RetentionCmd.class})
public final class MemoryCommand {

    static String q(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static void printEpisode(JsonNode e) {
        System.out.printf("#%-5d %s  [%s] %s%n", e.path("id").asLong(), e.path("at").asText(), TerminalText.safe(e.path("intent").asText()),
                TerminalText.safe(e.path("utterance").asText()));
        String result = e.path("result").asText();
        if (!result.isBlank()) System.out.println("        -> " + TerminalText.safe(result.length() > 160 ? result.substring(0, 160) + "…" : result));
    }

    static void printFact(JsonNode f) {
        System.out.printf("fact #%-4d %s  (%s; %s)%n", f.path("id").asLong(), TerminalText.safe(f.path("text").asText()),
                TerminalText.safe(f.path("kind").asText()), TerminalText.safe(f.path("source").asText()));
        for (JsonNode h : f.path("history")) System.out.println("           was: " + TerminalText.safe(h.path("text").asText() + " (" + h.path("source").asText() + ")"));
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Recent interactions and everything Clay knows about you.")
    static final class Show implements Callable<Integer> {
        @Option(names = "--limit", defaultValue = "20", description = "How many recent interactions (default ${DEFAULT-VALUE}).") int limit;
        @Option(names = "--facts", description = "Only the facts.") boolean factsOnly;

        @Override
        public Integer call() {
            ApiClient api = ApiClient.connect();
            JsonNode facts = api.get("/api/memory/facts").path("facts");
            System.out.println(facts.isEmpty() ? "No facts yet." : "Facts:");
            facts.forEach(MemoryCommand::printFact);
            if (!factsOnly) {
                JsonNode eps = api.get("/api/memory/episodes?limit=" + limit).path("episodes");
                System.out.println(eps.isEmpty() ? "No interactions yet." : "\nRecent interactions:");
                eps.forEach(MemoryCommand::printEpisode);
            }
            return 0;
        }
    }

    @Command(name = "search", mixinStandardHelpOptions = true, description = "Find memories by meaning.")
    static final class Search implements Callable<Integer> {
        @Parameters(arity = "1..*", paramLabel = "WORDS") List<String> words;
        @Option(names = "--limit", defaultValue = "10") int limit;

        @Override
        public Integer call() {
            JsonNode hits = ApiClient.connect().get("/api/memory/search?q=" + q(String.join(" ", words)) + "&limit=" + limit).path("hits");
            if (hits.isEmpty()) System.out.println("Nothing found.");
            for (JsonNode h : hits) {
                if (h.path("kind").asText().equals("fact")) printFact(h.path("fact"));
                else printEpisode(h.path("episode"));
            }
            return 0;
        }
    }

    @Command(name = "recall", mixinStandardHelpOptions = true,
            description = "Answer a question about the past from memory, with sources (\"what did I decide about X last week?\").")
    static final class Recall implements Callable<Integer> {
        @Parameters(arity = "1..*", paramLabel = "QUESTION") List<String> words;

        @Override
        public Integer call() {
            JsonNode a = ApiClient.connect().post("/api/memory/answer", Map.of("question", String.join(" ", words)));
            System.out.println(TerminalText.safe(a.path("text").asText()));
            return 0;
        }
    }

    @Command(name = "remember", mixinStandardHelpOptions = true, description = "Tell Clay a fact or preference to keep.")
    static final class Remember implements Callable<Integer> {
        @Parameters(arity = "1..*", paramLabel = "FACT") List<String> words;

        @Override
        public Integer call() {
            JsonNode r = ApiClient.connect().post("/api/memory/remember", Map.of("text", String.join(" ", words)));
            System.out.println(r.path("outcome").asText().toLowerCase() + ": " + r.path("fact").path("text").asText());
            return 0;
        }
    }

    @Command(name = "forget", mixinStandardHelpOptions = true,
            description = "Delete memories for good (from the database and the index, not just hidden).")
    static final class Forget implements Callable<Integer> {
        @Option(names = "--episode", paramLabel = "ID") Long episode;
        @Option(names = "--fact", paramLabel = "ID") Long fact;
        @Option(names = "--about", paramLabel = "TOPIC", description = "Everything that mentions or is about TOPIC.") String about;
        @Option(names = "--day", paramLabel = "YYYY-MM-DD") String day;
        @Option(names = "--today") boolean today;
        @Option(names = "--everything") boolean everything;
        @Option(names = "--yes", description = "Do not ask for confirmation of --everything.") boolean yes;

        @Override
        public Integer call() throws Exception {
            Map<String, Object> body = new LinkedHashMap<>();
            if (episode != null) body.put("episode", episode);
            if (fact != null) body.put("fact", fact);
            if (about != null) body.put("about", about);
            if (day != null) body.put("day", day);
            if (today) body.put("today", true);
            if (everything) body.put("everything", true);
            if (body.size() != 1) {
                throw new InvalidInputException("say exactly one thing to forget",
                        "use one of --episode ID, --fact ID, --about TOPIC, --day DATE, --today, --everything");
            }
            if (everything && !yes) {
                System.out.print("Forget everything Clay remembers about you? This cannot be undone. [y/N] ");
                System.out.flush();
                String line = new java.io.BufferedReader(new java.io.InputStreamReader(System.in)).readLine();
                if (line == null || !line.strip().equalsIgnoreCase("y")) {
                    System.out.println("Nothing forgotten.");
                    return 0;
                }
            }
            int n = ApiClient.connect().post("/api/memory/forget", body).path("forgotten").asInt();
            System.out.println("Forgotten: " + n + (n == 1 ? " memory." : " memories."));
            return 0;
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true, description = "All memory as JSON (to stdout or a file).")
    static final class Export implements Callable<Integer> {
        @Option(names = {"-o", "--out"}, paramLabel = "FILE") Path out;

        @Override
        public Integer call() throws Exception {
            JsonNode all = ApiClient.connect().get("/api/memory/export");
            String text = new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(all);
            if (out == null) {
                System.out.println(text);
            } else {
                Files.writeString(out, text);
                try {
                    Files.setPosixFilePermissions(out, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException ignored) {
                    // not a POSIX file system
                }
                System.out.println("Exported " + all.path("episodes").size() + " interactions and " + all.path("facts").size()
                        + " facts to " + out);
            }
            return 0;
        }
    }

    @Command(name = "retention", mixinStandardHelpOptions = true, description = "Show or set how long memories are kept.")
    static final class RetentionCmd implements Callable<Integer> {
        @Option(names = "--episodes", paramLabel = "AGE", description = "e.g. 90d, 12h, forever") String episodes;
        @Option(names = "--facts", paramLabel = "AGE") String facts;

        @Override
        public Integer call() {
            ApiClient api = ApiClient.connect();
            Map<String, Object> body = new LinkedHashMap<>();
            if (episodes != null) body.put("episodes", episodes);
            if (facts != null) body.put("facts", facts);
            JsonNode r = body.isEmpty() ? api.get("/api/memory/retention") : api.put("/api/memory/retention", body);
            System.out.println("interactions kept: " + r.path("episodes").asText() + "; facts kept: " + r.path("facts").asText());
            return 0;
        }
    }
}
