package clay.cli.canvas;

import clay.cli.ApiClient;
import clay.core.ClayHome;
import clay.core.InvalidInputException;
import clay.core.Token;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code clay canvas}: prints (or opens) the canvas address; subcommands put surfaces on it. */
@Command(name = "canvas", description = "Open the canvas, show a spec or a comparison on it, undo.",
        subcommands = {CanvasCommand.Show.class, CanvasCommand.Compare.class, CanvasCommand.Undo.class})
public final class CanvasCommand implements Callable<Integer> {
    @Option(names = "--open", description = "Open it in the desktop's browser (xdg-open).") boolean open;

    @Option(names = "--session", defaultValue = "main", description = "Which canvas (default: main).") String session;

    @Override
    public Integer call() throws Exception {
        ApiClient api = ApiClient.connect();
        String url = api.base() + "/?session=" + session + "&token=" + Token.loadOrCreate(ClayHome.fromEnvironment());
        if (open && Files.isExecutable(Path.of("/usr/bin/xdg-open"))) {
            new ProcessBuilder("/usr/bin/xdg-open", url).inheritIO().start();
            System.out.println("Opened the canvas in your browser.");
        } else {
            System.out.println(url);
            System.out.println("(the first load moves the token into a cookie and out of the address)");
        }
        return 0;
    }

    @Command(name = "show", description = "Show a surface spec (JSON file, see docs/surface-schema.json).")
    static final class Show implements Callable<Integer> {
        @Parameters(paramLabel = "SPEC.json") Path spec;

        @Option(names = "--session", defaultValue = "main") String session;

        @Override
        public Integer call() throws Exception {
            if (!Files.isRegularFile(spec)) throw new InvalidInputException("no such file: " + spec, "Give the path of a JSON surface spec.");
            JsonNode node = new ObjectMapper().readTree(spec.toFile());
            JsonNode r = ApiClient.connect().post("/api/canvas/" + session + "/surfaces", Map.of("spec", node));
            System.out.println("Shown as " + r.path("id").asText() + " (an invalid spec shows as an error surface listing its problems).");
            return 0;
        }
    }

    @Command(name = "compare", description = "Compare documents side by side (synchronized scrolling, changes, notes).")
    static final class Compare implements Callable<Integer> {
        @Parameters(arity = "2..6", paramLabel = "FILE") List<Path> files;

        @Option(names = "--session", defaultValue = "main") String session;

        @Override
        public Integer call() {
            List<String> paths = files.stream().map(p -> p.toAbsolutePath().normalize().toString()).toList();
            JsonNode r = ApiClient.connect().post("/api/canvas/" + session + "/surfaces",
                    Map.of("intent", "compare_documents", "parameters", Map.of("paths", paths)));
            System.out.println("Comparing " + paths.size() + " documents on the canvas (" + r.path("id").asText() + ").");
            return 0;
        }
    }

    @Command(name = "undo", description = "Undo the last canvas operation.")
    static final class Undo implements Callable<Integer> {
        @Option(names = "--session", defaultValue = "main") String session;

        @Override
        public Integer call() {
            JsonNode r = ApiClient.connect().post("/api/canvas/" + session + "/undo", Map.of());
            System.out.println(r.path("undone").asBoolean() ? "Undone." : "Nothing to undo.");
            return 0;
        }
    }
}
