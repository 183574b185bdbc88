package clay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Dependencies point down (cli -> runtime -> {canvas, sandbox, memory, fs, intelligence} -> core) and no module reaches
 * sideways into another: checked on the sources' imports, so a violation names the file and the line.
 */
class ArchitectureTest {
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final Pattern IMPORT = Pattern.compile("^import (?:static )?(clay\\.[a-z]+)\\.", Pattern.MULTILINE);

    static final Map<String, Set<String>> ALLOWED = Map.of(
            "clay-core", Set.of("clay.core"),
            "clay-intelligence", Set.of("clay.core", "clay.intelligence"),
            "clay-fs", Set.of("clay.core", "clay.intelligence", "clay.fs"),
            "clay-memory", Set.of("clay.core", "clay.intelligence", "clay.memory"),
            "clay-sandbox", Set.of("clay.core", "clay.intelligence", "clay.sandbox"),
            "clay-canvas", Set.of("clay.core", "clay.intelligence", "clay.canvas"),
            "clay-runtime", Set.of("clay.core", "clay.intelligence", "clay.fs", "clay.memory", "clay.sandbox",
                    "clay.canvas", "clay.runtime"));

    @Test
    void modulesImportOnlyWhatTheyStandOn() throws IOException {
        List<String> violations = new ArrayList<>();
        for (var e : ALLOWED.entrySet()) {
            Path src = ROOT.resolve(e.getKey()).resolve("src/main/java");
            if (!Files.isDirectory(src)) continue;
            try (Stream<Path> files = Files.walk(src)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    String text = Files.readString(f);
                    Matcher m = IMPORT.matcher(text);
                    while (m.find()) {
                        if (!e.getValue().contains(m.group(1))) {
                            int line = (int) text.substring(0, m.start()).lines().count() + 1;
                            violations.add(ROOT.relativize(f) + ":" + line + " imports " + m.group(1));
                        }
                    }
                }
            }
        }
        assertThat(violations).isEmpty();
    }

    @Test
    void coreDependsOnTheJdkAndLoggingOnly() throws IOException {
        Path src = ROOT.resolve("clay-core/src/main/java");
        List<String> foreign = new ArrayList<>();
        try (Stream<Path> files = Files.walk(src)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                for (String line : Files.readAllLines(f)) {
                    if (line.startsWith("import ") && !line.matches("import (static )?(java\\.|javax\\.|org\\.slf4j\\.|org\\.jspecify\\.|clay\\.core\\.).*")) {
                        foreign.add(ROOT.relativize(f) + ": " + line);
                    }
                }
            }
        }
        assertThat(foreign).isEmpty();
    }
}
