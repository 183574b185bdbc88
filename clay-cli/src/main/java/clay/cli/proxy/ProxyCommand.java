package clay.cli.proxy;

import clay.cli.ApiClient;
import clay.core.InvalidInputException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code clay proxy ...}: a thin client of {@code /api/proxy} (approvals at {@code /api/proxy/approvals}). */
@Command(name = "proxy", mixinStandardHelpOptions = true,
        description = "The cloud proxy: what left the machine (log), what may leave (policy), approvals, redaction preview.",
        subcommands = {ProxyCommand.Log.class, ProxyCommand.Policy.class, ProxyCommand.Approve.class, ProxyCommand.Preview.class})
public final class ProxyCommand {

    @Command(name = "log", mixinStandardHelpOptions = true, description = "Every request that left: when, model, why, what was redacted, size, tokens, cost.")
    static final class Log implements Callable<Integer> {
        @Option(names = "--limit", defaultValue = "50") int limit;
        @Option(names = "--export", paramLabel = "FILE", description = "Write the whole log as JSON to FILE.") Path export;
        @Option(names = "--wipe", description = "Delete the log.") boolean wipe;

        @Override
        public Integer call() throws Exception {
            ApiClient api = ApiClient.connect();
            if (wipe) {
                System.out.println("Wiped " + api.delete("/api/proxy/log").path("wiped").asInt() + " entries.");
                return 0;
            }
            if (export != null) {
                JsonNode all = api.get("/api/proxy/log/export");
                Files.writeString(export, new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(all));
                System.out.println("Exported " + all.size() + " entries to " + export);
                return 0;
            }
            JsonNode entries = api.get("/api/proxy/log?limit=" + limit).path("entries");
            if (entries.isEmpty()) System.out.println("Nothing has left this machine.");
            double cost = 0;
            for (JsonNode e : entries) {
                cost += e.path("costUsd").asDouble();
                System.out.printf("%s  %-18s %-16s %-13s redacted %-28s %5d chars  %5d+%-5d tok  $%.4f  %s%n  why: %s%n",
                        e.path("at").asText(), e.path("model").asText(), e.path("intent").asText(), e.path("decision").asText(),
                        e.path("redacted").toString(), e.path("requestChars").asInt(), e.path("inputTokens").asInt(),
                        e.path("outputTokens").asInt(), e.path("costUsd").asDouble(), e.path("outcome").asText(), e.path("reason").asText());
            }
            if (!entries.isEmpty()) System.out.printf("%d requests, estimated $%.4f%n", entries.size(), cost);
            return 0;
        }
    }

    @Command(name = "policy", mixinStandardHelpOptions = true,
            description = "Show or change what may leave: send, send_redacted, ask or never, by default, per intent or per data class.")
    static final class Policy implements Callable<Integer> {
        @Option(names = "--default", paramLabel = "DECISION") String dflt;
        @Option(names = "--intent", paramLabel = "NAME=DECISION", description = "e.g. draft_letter=ask (DECISION clear removes it)") String intent;
        @Option(names = "--class", paramLabel = "CLASS=DECISION", description = "e.g. secret=never, person=ask") String dataClass;
        @Option(names = "--allow", paramLabel = "VALUE", description = "Never redact VALUE (e.g. your company name).") String allow;
        @Option(names = "--deny", paramLabel = "TERM", description = "Always redact TERM (e.g. a project code name).") String deny;
        @Option(names = "--ask-timeout", paramLabel = "SECONDS") Long timeout;

        @Override
        public Integer call() throws Exception {
            ApiClient api = ApiClient.connect();
            List<Map<String, Object>> changes = new java.util.ArrayList<>();
            if (dflt != null) changes.add(Map.of("default", dflt));
            if (intent != null) changes.add(pair("intent", intent));
            if (dataClass != null) changes.add(pair("class", dataClass));
            if (allow != null) changes.add(Map.of("allow", allow));
            if (deny != null) changes.add(Map.of("deny", deny));
            if (timeout != null) changes.add(Map.of("ask_timeout_seconds", timeout));
            JsonNode p = api.get("/api/proxy/policy");
            for (Map<String, Object> c : changes) p = api.post("/api/proxy/policy", c);
            System.out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(p));
            return 0;
        }

        private static Map<String, Object> pair(String key, String text) {
            int eq = text.indexOf('=');
            if (eq <= 0) throw new InvalidInputException("'" + text + "' is not NAME=DECISION", "e.g. --" + key + " secret=never");
            return Map.of(key, text.substring(0, eq), "decision", text.substring(eq + 1));
        }
    }

    @Command(name = "approve", mixinStandardHelpOptions = true,
            description = "Show requests waiting to leave, exactly as they would be sent, and answer them.")
    static final class Approve implements Callable<Integer> {
        @Parameters(arity = "0..1", paramLabel = "ID") String id;
        @Option(names = "--yes", description = "Approve ID without asking.") boolean yes;
        @Option(names = "--no", description = "Deny ID without asking.") boolean no;

        @Override
        public Integer call() throws Exception {
            ApiClient api = ApiClient.connect();
            if (id != null && (yes || no)) {
                api.post("/api/proxy/approvals/" + id, Map.of("approve", yes));
                System.out.println((yes ? "Approved " : "Denied ") + id + ".");
                return 0;
            }
            JsonNode pending = api.get("/api/proxy/approvals").path("pending");
            if (pending.isEmpty()) {
                System.out.println("No request is waiting for approval.");
                return 0;
            }
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
            for (JsonNode p : pending) {
                if (id != null && !id.equals(p.path("id").asText())) continue;
                System.out.printf("Request %s to %s for %s (%s), redacted %s, expires %s:%n%s%n",
                        p.path("id").asText(), p.path("model").asText(), p.path("intent").asText(), p.path("reason").asText(),
                        p.path("redacted"), p.path("expires").asText(), p.path("outgoing").asText().indent(4));
                System.out.print("Send this? [y/N] ");
                System.out.flush();
                String line = in.readLine();
                boolean approve = line != null && line.strip().equalsIgnoreCase("y");
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("approve", approve);
                api.post("/api/proxy/approvals/" + p.path("id").asText(), body);
                System.out.println(approve ? "Sent." : "Not sent; the local model answers instead.");
            }
            return 0;
        }
    }

    @Command(name = "preview", mixinStandardHelpOptions = true, description = "Show what TEXT would look like when it leaves.")
    static final class Preview implements Callable<Integer> {
        @Parameters(arity = "1..*", paramLabel = "TEXT") List<String> words;

        @Override
        public Integer call() {
            JsonNode r = ApiClient.connect().post("/api/proxy/preview", Map.of("text", String.join(" ", words)));
            System.out.println(r.path("outgoing").asText());
            System.out.println("redacted: " + r.path("redacted"));
            return 0;
        }
    }
}
