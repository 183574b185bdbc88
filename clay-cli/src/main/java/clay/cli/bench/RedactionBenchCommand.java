package clay.cli.bench;

import clay.intelligence.proxy.RedactionBench;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code clay bench redaction}: precision, recall, other words changed and restoration on a labelled set (in-process). */
@Command(name = "redaction", mixinStandardHelpOptions = true,
        description = "Measure the cloud proxy's redaction on a labelled set (built in, or --set FILE with {{CLASS|value}} marks).")
public final class RedactionBenchCommand implements Callable<Integer> {
    @Option(names = "--set", paramLabel = "NAME|FILE", defaultValue = "redaction-set",
            description = "A built-in set (redaction-set, redaction-holdout, redaction-holdout2; default ${DEFAULT-VALUE}) or a file "
                    + "with one sentence a line, personal values marked {{CLASS|value}}.") String set;
    @Option(names = "--seed", defaultValue = "42", description = "Seed for the streamed-restoration chunking.") long seed;
    @Option(names = "--json") boolean json;
    @Option(names = "--details", description = "Also list every leak and every changed ordinary word.") boolean details;

    @Override
    public Integer call() throws Exception {
        RedactionBench.Result r = RedactionBench.BUILT_IN.contains(set) ? RedactionBench.runBuiltIn(set, seed)
                : RedactionBench.run(Optional.of(Path.of(set)), seed);
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("sentences", r.sentences());
            m.put("labelled_values", r.labelledValues());
            m.put("recall", r.recall());
            m.put("char_recall", r.charRecall());
            m.put("precision", r.precision());
            m.put("other_words_changed", r.otherWordsChangedRate());
            m.put("restoration", r.restoration());
            Map<String, Object> per = new LinkedHashMap<>();
            r.perClass().forEach((c, v) -> per.put(c.wireName(), Map.of("protected", v[0], "labelled", v[1])));
            m.put("per_class", per);
            System.out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(m));
        } else {
            System.out.print(r.markdown());
        }
        if (details) {
            System.out.println("\nleaks:");
            r.leaks().forEach(l -> System.out.println("  " + l));
            System.out.println("ordinary words changed:");
            r.falsePositives().forEach(l -> System.out.println("  " + l));
        }
        return 0;
    }
}
