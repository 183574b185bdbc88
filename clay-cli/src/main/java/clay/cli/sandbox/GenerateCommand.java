package clay.cli.sandbox;

import clay.cli.TerminalText;
import clay.cli.ApiClient;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code clay generate "..."}: the runtime's model writes a program with its capability header, the sandbox runs it and
 * repairs it from its errors. Approval requests the program raises are answered here: this command polls
 * {@code /api/approvals} (the runtime's one approval desk) and prompts in the terminal.
 */
@Command(name = "generate", description = "Have Clay write, check and run a program for what you describe.")
public final class GenerateCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "TEXT") List<String> words;

    @Option(names = "--language", defaultValue = "python") String language;

    @Option(names = "--model", description = "A configured model instead of the default.") String model;

    @Option(names = "--repairs", defaultValue = "2") int repairs;

    @Override
    public Integer call() throws Exception {
        ApiClient api = ApiClient.connect();
        AtomicBoolean done = new AtomicBoolean();
        Thread prompter = Thread.ofVirtual().start(() -> answerApprovals(api, done));
        JsonNode r;
        try {
            Map<String, Object> body = new java.util.LinkedHashMap<>(Map.of("request", String.join(" ", words),
                    "language", language, "repairs", repairs));
            if (model != null) body.put("model", model);
            r = api.post("/api/programs/generate", body);
        } finally {
            done.set(true);
            prompter.interrupt();
        }
        for (JsonNode a : r.path("attempts")) {
            System.err.println(TerminalText.safe("--- attempt by " + a.path("by").asText() + (a.path("feedback").asText().isBlank() ? "" : ": "
                    + a.path("feedback").asText().lines().findFirst().orElse(""))));
        }
        JsonNode result = r.path("result");
        System.out.print(TerminalText.safe(result.path("stdout").asText("")));
        if (r.path("succeeded").asBoolean()) {
            System.err.println("saved as " + r.path("program").asText() + " (clay programs show " + r.path("program").asText() + ")");
            return 0;
        }
        System.err.println("could not write a working program" + (r.path("escalated").asBoolean() ? " (escalation tried too)" : ""));
        return 1;
    }

    private static void answerApprovals(ApiClient api, AtomicBoolean done) {
        Set<String> seen = new HashSet<>();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        while (!done.get()) {
            try {
                for (JsonNode p : api.get("/api/approvals").path("pending")) {
                    if (!p.path("kind").asText("program").equals("program")) continue;
                    String id = p.path("id").asText();
                    if (!seen.add(id)) continue;
                    System.err.println("Program " + p.path("program").asText() + " (sha256 " + p.path("hash").asText().substring(0, 12)
                            + ") asks for: " + p.path("capabilities"));
                    System.err.print("Allow? [o]nce / [a]lways for this code / [n]ever: ");
                    String line = in.readLine();
                    api.post("/api/approvals/" + id, Map.of("decision", line == null || line.isBlank() ? "never" : line.strip()));
                }
                Thread.sleep(300);
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                if (done.get()) return;
            }
        }
    }
}
