package clay.cli.fs;

import clay.cli.ApiClient;
import com.fasterxml.jackson.databind.JsonNode;
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

/** {@code clay fs}: add, find, versions, relations, ephemeral items and tags of ClayFS. */
@Command(name = "fs", description = "ClayFS: your files, versioned, tagged, related, and found by what you mean.",
        subcommands = {FsCommand.Add.class, FsCommand.Find.class, FsCommand.Log.class, FsCommand.Diff.class,
            FsCommand.Restore.class, FsCommand.Related.class, FsCommand.Graph.class, FsCommand.Keep.class, FsCommand.Tag.class})
public final class FsCommand {

    /** A local path that exists is sent as an absolute path; anything else is taken as a ClayFS path. */
    static String target(String arg) {
        Path p = Path.of(arg);
        return Files.exists(p) ? p.toAbsolutePath().normalize().toString() : arg;
    }

    static String q(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Command(name = "add", description = "Add files or directories (copied into persistent/ unless already inside).")
    static final class Add implements Callable<Integer> {
        @Parameters(arity = "1..*", paramLabel = "PATH") List<Path> paths;

        @Option(names = "--to", paramLabel = "DIR", description = "Directory under persistent/ to copy into.") String to = "";

        @Option(names = "--no-wait", description = "Return without waiting for indexing.") boolean noWait;

        @Override
        public Integer call() throws Exception {
            ApiClient api = ApiClient.connect();
            int total = 0;
            for (Path p : paths) {
                JsonNode r = api.post("/api/fs/add", Map.of("path", p.toAbsolutePath().normalize().toString(), "target", to));
                for (JsonNode f : r.path("files")) {
                    total++;
                    String status = f.path("status").asText();
                    if (!status.equals("pending") && !status.equals("indexed")) {
                        System.out.println("  " + f.path("path").asText() + ": " + status + " - " + f.path("detail").asText());
                    }
                }
            }
            System.out.println("stored " + total + " file(s)");
            if (!noWait) Progress.untilIndexed(api);
            return 0;
        }
    }

    @Command(name = "find", description = "Find files by what you mean, e.g. \"that bill I was working on Tuesday\".")
    static final class Find implements Callable<Integer> {
        @Parameters(arity = "1..*", paramLabel = "QUERY") List<String> words;

        @Option(names = "--explain", description = "Show how the query was read and why each file ranks where it does.") boolean explain;

        @Option(names = {"-n", "--limit"}, defaultValue = "10") int limit;

        @Option(names = "--json") boolean json;

        @Override
        public Integer call() {
            JsonNode r = ApiClient.connect().post("/api/fs/find", Map.of("query", String.join(" ", words), "limit", limit));
            if (json) {
                System.out.println(r.toPrettyString());
            } else if (explain) {
                System.out.print(r.path("explanation").asText());
            } else {
                for (JsonNode h : r.path("hits")) {
                    JsonNode f = h.path("file");
                    System.out.printf("%2d. %s  [%s, %s]%n    %s%n", h.path("rank").asInt(), f.path("path").asText(),
                            f.path("type").asText(), f.path("modified").asText().substring(0, 10), h.path("snippet").asText());
                }
            }
            if (r.path("hits").isEmpty()) System.out.println("nothing found" + (explain ? "" : " (try --explain)"));
            return 0;
        }
    }

    @Command(name = "log", description = "Versions of a file.")
    static final class Log implements Callable<Integer> {
        @Parameters(paramLabel = "FILE") String file;

        @Override
        public Integer call() {
            for (JsonNode v : ApiClient.connect().get("/api/fs/log?path=" + q(target(file)))) {
                System.out.printf("v%-4d %s  %8d bytes  %s%s%n", v.path("version").asInt(), v.path("created").asText(),
                        v.path("size").asLong(), v.path("reason").asText(),
                        v.path("saves").asInt() > 1 ? " (" + v.path("saves").asInt() + " saves)" : "");
            }
            return 0;
        }
    }

    @Command(name = "diff", description = "Line diff between two versions (default: the last two).")
    static final class Diff implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "FILE") String file;

        @Parameters(index = "1", arity = "0..1", paramLabel = "A") Integer a;

        @Parameters(index = "2", arity = "0..1", paramLabel = "B") Integer b;

        @Override
        public Integer call() {
            String path = "/api/fs/diff?path=" + q(target(file)) + (a != null ? "&from=" + a : "") + (b != null ? "&to=" + b : "");
            JsonNode r = ApiClient.connect().get(path);
            System.out.println("--- v" + r.path("from").asInt() + "\n+++ v" + r.path("to").asInt());
            r.path("lines").forEach(l -> System.out.println(l.asText()));
            return 0;
        }
    }

    @Command(name = "restore", description = "Make an old version the newest one (history is kept).")
    static final class Restore implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "FILE") String file;

        @Parameters(index = "1", paramLabel = "VERSION") int version;

        @Override
        public Integer call() {
            JsonNode f = ApiClient.connect().post("/api/fs/restore", Map.of("path", target(file), "version", version));
            System.out.println("restored " + f.path("path").asText() + " to v" + version + " (now v" + f.path("version").asInt() + ")");
            return 0;
        }
    }

    @Command(name = "related", description = "Files connected to this one, with the reason for each link.")
    static final class Related implements Callable<Integer> {
        @Parameters(paramLabel = "FILE") String file;

        @Override
        public Integer call() {
            JsonNode rs = ApiClient.connect().get("/api/fs/related?path=" + q(target(file)));
            for (JsonNode r : rs) {
                System.out.printf("%-18s %s%n%18s   %s%n", r.path("kind").asText(), r.path("path").asText(), "", r.path("reason").asText());
            }
            if (rs.isEmpty()) System.out.println("no related files yet");
            return 0;
        }
    }

    @Command(name = "graph", description = "Export the relation graph as JSON (default) or Graphviz DOT.")
    static final class Graph implements Callable<Integer> {
        @Option(names = "--format", defaultValue = "json", description = "json or dot") String format;

        @Option(names = "--prefix", defaultValue = "", description = "Only files under this ClayFS path.") String prefix;

        @Override
        public Integer call() {
            if (!format.equals("json") && !format.equals("dot")) {
                throw new clay.core.InvalidInputException("unknown format " + format, "use --format json or --format dot");
            }
            JsonNode g = ApiClient.connect().get("/api/fs/graph?format=" + format + "&prefix=" + q(prefix));
            System.out.print(format.equals("dot") ? g.path("dot").asText() : g.toPrettyString() + "\n");
            return 0;
        }
    }

    @Command(name = "keep", description = "Promote an ephemeral item to persistent/ with its history and links.")
    static final class Keep implements Callable<Integer> {
        @Parameters(paramLabel = "ITEM") String item;

        @Option(names = "--as", paramLabel = "PATH", description = "Where under persistent/ to keep it.") String as = "";

        @Override
        public Integer call() {
            JsonNode f = ApiClient.connect().post("/api/fs/keep", Map.of("path", target(item), "as", as));
            System.out.println("kept as " + f.path("path").asText());
            return 0;
        }
    }

    @Command(name = "tag", description = "Show or change a file's tags; yours win over the AI's. E.g. clay fs tag f.pdf +tax -misc --type bill")
    static final class Tag implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "FILE") String file;

        @Parameters(index = "1..*", arity = "0..*", paramLabel = "+TAG|-TAG") List<String> edits = List.of();

        @Option(names = "--type", description = "Set the document type (letter, bill, invoice, notes, code, ...).") String type;

        @Override
        public Integer call() {
            ApiClient api = ApiClient.connect();
            String path = target(file);
            JsonNode tags;
            if (edits.isEmpty() && type == null) {
                tags = api.get("/api/fs/tags?path=" + q(path));
            } else {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("path", path);
                body.put("add", edits.stream().filter(e -> !e.startsWith("-")).map(e -> e.replaceFirst("^\\+", "")).toList());
                body.put("remove", edits.stream().filter(e -> e.startsWith("-")).map(e -> e.substring(1)).toList());
                if (type != null) body.put("type", type);
                tags = api.post("/api/fs/tag", body);
            }
            for (JsonNode t : tags) System.out.println(t.path("tag").asText() + (t.path("source").asText().equals("user") ? " (yours)" : ""));
            return 0;
        }
    }
}
