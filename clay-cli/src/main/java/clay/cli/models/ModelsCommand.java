package clay.cli.models;

import clay.cli.ApiClient;
import clay.core.ClayHome;
import clay.core.InvalidInputException;
import clay.intelligence.model.ModelProvider;
import clay.intelligence.model.ModelProviders;
import clay.intelligence.model.ModelSpec;
import clay.intelligence.model.store.CatalogEntry;
import clay.intelligence.model.store.ModelCheck;
import clay.intelligence.model.store.ModelStore;
import clay.runtime.config.ClayConfig;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code clay models}: list, add, pull, test and remove the models Clay can use. */
@Command(name = "models", description = "The models Clay can think with: list, add, pull, test, remove.",
        subcommands = {ModelsCommand.ListModels.class, ModelsCommand.Add.class, ModelsCommand.Pull.class,
            ModelsCommand.Test.class, ModelsCommand.Remove.class})
public final class ModelsCommand implements Callable<Integer> {
    static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public Integer call() {
        return new ListModels().call();
    }

    static ModelStore store() {
        return ModelStore.open(ClayHome.fromEnvironment().ensure());
    }

    static ClayConfig config() {
        return ClayConfig.load(ClayConfig.defaultPath(System.getenv()));
    }

    static List<ModelSpec> all() {
        return store().merged(config().section("models"));
    }

    /** Tells a running daemon to pick up the store's changes; quiet when none runs. */
    static void notifyDaemon() {
        ApiClient.running(ClayHome.fromEnvironment()).ifPresent(c -> c.post("/api/models/reload", Map.of()));
    }

    @Command(name = "list", description = "List configured and added models, and the catalog of models to pull.")
    static final class ListModels implements Callable<Integer> {
        @Option(names = "--json", description = "Print JSON.") boolean json;

        @Override
        public Integer call() {
            List<ModelSpec> specs = all();
            String dflt = config().section("runtime").path("default_model").asText("");
            if (json) {
                List<Map<String, Object>> out = specs.stream().map(s -> {
                    Map<String, Object> m = new LinkedHashMap<>(s.settings());
                    m.put("name", s.name());
                    m.put("local", s.local());
                    return m;
                }).toList();
                System.out.println(JSON.valueToTree(Map.of("models", out, "catalog",
                        CatalogEntry.BUILT_IN.stream().map(CatalogEntry::name).toList())));
                return 0;
            }
            if (specs.isEmpty()) {
                System.out.println("No models yet. Clay still answers its offline skills (time, files, notes).");
                System.out.println("Add one:  clay models pull qwen2.5-1.5b     (a ~1.1 GB download)");
                System.out.println("      or  clay models add NAME /path/to/model.gguf");
            } else {
                System.out.printf("%-18s %-18s %-6s %s%n", "NAME", "KIND", "WHERE", "LOCATION / MODEL");
                for (ModelSpec s : specs) {
                    String mark = s.name().equals(dflt) ? " (default)" : "";
                    System.out.printf("%-18s %-18s %-6s %s%s%s%n", s.name(), s.kind().id(),
                            s.local() ? "local" : "cloud", s.location(),
                            s.model().isEmpty() ? "" : "  " + s.model(), mark);
                }
            }
            System.out.println();
            System.out.println("Catalog (clay models pull NAME):");
            for (CatalogEntry c : CatalogEntry.BUILT_IN) {
                System.out.printf("  %-14s %5.1f GB  %s (%s)%n", c.name(), c.approxBytes() / 1e9, c.description(),
                        c.licence());
            }
            return 0;
        }
    }

    @Command(name = "add", description = "Add a model: a .gguf file, a .gguf URL, or a server URL (OpenAI-compatible or Ollama).")
    static final class Add implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "NAME") String name;
        @Parameters(index = "1", paramLabel = "PATH|URL", arity = "0..1") String where;
        @Option(names = "--model", paramLabel = "ID", description = "The model id a server knows (for server URLs).")
        String model;
        @Option(names = "--tiny", description = "Write Clay's tiny test model (nonsense words, real engine).")
        boolean tiny;
        @Option(names = "--force", description = "Replace a model of the same name.") boolean force;

        @Override
        public Integer call() {
            if (!tiny && where == null) {
                throw new InvalidInputException("clay models add needs a PATH or URL (or --tiny)",
                        "e.g. clay models add mine ~/Downloads/model.gguf");
            }
            ModelStore.Entry e = tiny ? store().addTiny(name, force)
                    : store().add(name, where, model, force, ProgressBar.onStderr());
            System.out.println("added " + name + " (" + e.spec().kind().id() + ") " + e.spec().location()
                    + (e.sha256() == null ? "" : "  sha256 " + e.sha256()));
            notifyDaemon();
            return 0;
        }
    }

    @Command(name = "pull", description = "Download a recommended model from the catalog (resumable, checksummed).")
    static final class Pull implements Callable<Integer> {
        @Parameters(paramLabel = "NAME", description = "A catalog name; see clay models list.") String name;
        @Option(names = "--as", paramLabel = "NAME", description = "Store it under another name.") String as;

        @Override
        public Integer call() {
            CatalogEntry c = CatalogEntry.find(name).orElse(null);
            if (c != null) {
                System.err.printf("pulling %s (%.1f GB, %s) from %s%n", c.name(), c.approxBytes() / 1e9, c.licence(), c.url());
                if (c.pinnedSha256().isEmpty()) {
                    System.err.println("note: no pinned checksum for this model; its sha256 is recorded after download");
                }
            }
            ModelStore.Entry e = store().pull(name, as, ProgressBar.onStderr());
            System.out.println("pulled " + e.spec().name() + " -> " + e.spec().location() + "  sha256 " + e.sha256());
            notifyDaemon();
            return 0;
        }
    }

    @Command(name = "test", description = "Run a short generation with a model and print its speed.")
    static final class Test implements Callable<Integer> {
        @Parameters(paramLabel = "NAME") String name;
        @Option(names = "--max-tokens", defaultValue = "48") int maxTokens;
        @Option(names = "--json", description = "Print JSON.") boolean json;

        @Override
        public Integer call() {
            ModelSpec spec = all().stream().filter(s -> s.name().equals(name)).findFirst()
                    .orElseThrow(() -> new InvalidInputException("no model named '" + name + "'",
                            "see clay models list, or add one with clay models add"));
            long t0 = System.nanoTime();
            try (ModelProvider p = ModelProviders.open(spec)) {
                long loadMs = (System.nanoTime() - t0) / 1_000_000;
                ModelCheck.Result r = ModelCheck.run(p, maxTokens);
                if (json) {
                    Map<String, Object> m = new LinkedHashMap<>(JSON.convertValue(r, Map.class));
                    m.put("loadMillis", loadMs);
                    System.out.println(JSON.valueToTree(m));
                } else {
                    System.out.println(r.answer().strip());
                    System.out.printf("%n%s: loaded in %d ms; %d prompt tokens; %d tokens in %.2f s; "
                                    + "first token after %d ms; %.1f tokens/s%n", name, loadMs, r.promptTokens(),
                            r.outputTokens(), r.totalMillis() / 1000.0, r.firstTokenMillis(), r.tokensPerSecond());
                }
            }
            return 0;
        }
    }

    @Command(name = "remove", description = "Forget a model added with add or pull (deletes pulled files).")
    static final class Remove implements Callable<Integer> {
        @Parameters(paramLabel = "NAME") String name;

        @Override
        public Integer call() {
            if (!store().remove(name)) {
                throw new InvalidInputException("no added model named '" + name + "'",
                        "models from the configuration file are removed there: clay config edit");
            }
            System.out.println("removed " + name);
            return 0;
        }
    }
}
