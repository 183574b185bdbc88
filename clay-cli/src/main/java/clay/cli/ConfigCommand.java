package clay.cli;

import clay.core.ClayException;
import clay.runtime.config.ClayConfig;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code clay config}: show, get, set, unset or edit the configuration file. */
@Command(name = "config", description = "Show or change Clay's settings (a TOML file).",
        subcommands = {ConfigCommand.Path.class, ConfigCommand.Get.class, ConfigCommand.Set.class,
            ConfigCommand.Unset.class, ConfigCommand.Edit.class})
public final class ConfigCommand implements Callable<Integer> {

    static ClayConfig load() {
        return ClayConfig.load(ClayConfig.defaultPath(System.getenv()));
    }

    @Override
    public Integer call() {
        ClayConfig cfg = load();
        System.out.println("# " + cfg.file() + (Files.exists(cfg.file()) ? "" : " (not created yet: all defaults)"));
        String toml = cfg.toToml();
        System.out.print(toml.isBlank() ? "# empty\n" : toml);
        return 0;
    }

    @Command(name = "path", description = "Print where the configuration file is.")
    static final class Path implements Callable<Integer> {
        @Override
        public Integer call() {
            System.out.println(ClayConfig.defaultPath(System.getenv()));
            return 0;
        }
    }

    @Command(name = "get", description = "Print one setting, e.g. runtime.port.")
    static final class Get implements Callable<Integer> {
        @Parameters(paramLabel = "KEY") String key;

        @Override
        public Integer call() {
            var v = load().get(key);
            if (v.isEmpty()) {
                System.err.println(key + " is not set");
                return 1;
            }
            System.out.println(v.get().isTextual() ? v.get().asText() : v.get().toString());
            return 0;
        }
    }

    @Command(name = "set", description = "Set one setting, e.g. clay config set runtime.port 7433.")
    static final class Set implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "KEY") String key;
        @Parameters(index = "1", paramLabel = "VALUE") String value;

        @Override
        public Integer call() {
            ClayConfig cfg = load().with(key, value);
            System.out.println(key + " = " + cfg.get(key).map(Object::toString).orElse(value) + "  (" + cfg.file() + ")");
            return 0;
        }
    }

    @Command(name = "unset", description = "Remove one setting (back to its default).")
    static final class Unset implements Callable<Integer> {
        @Parameters(paramLabel = "KEY") String key;

        @Override
        public Integer call() {
            load().without(key);
            return 0;
        }
    }

    @Command(name = "edit", description = "Open the file in $EDITOR, then check it.")
    static final class Edit implements Callable<Integer> {
        @Override
        public Integer call() throws Exception {
            var file = ClayConfig.defaultPath(System.getenv());
            Files.createDirectories(file.toAbsolutePath().getParent());
            if (!Files.exists(file)) Files.writeString(file, "# Clay configuration - see docs/configuration.md\n");
            String editor = System.getenv().getOrDefault("EDITOR", "vi");
            int rc = new ProcessBuilder(List.of("sh", "-c", editor + " \"$0\"", file.toString())).inheritIO().start().waitFor();
            if (rc != 0) throw new ClayException("the editor exited with " + rc, null);
            ClayConfig.load(file);
            System.out.println("The configuration is valid.");
            return 0;
        }
    }
}
