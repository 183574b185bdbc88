package clay.sandbox;

import java.time.Duration;
import java.util.List;

/**
 * What a sandboxed run produced.
 *
 * @param outcome how it ended
 * @param exitCode the program's exit status (128+signal when killed)
 * @param stdout standard output, at most the output limit
 * @param stderr standard error, at most the output limit
 * @param elapsed wall-clock time from start to exit
 * @param backend which backend enforced it
 * @param denials what it tried and was refused, as audited ({@code network api.evil.com:443}, {@code file /root/.ssh/id_rsa})
 * @param surfaces surface specs it printed on {@code clay:surface {...}} lines, when it holds {@code ui:surface}
 */
public record RunResult(Outcome outcome, int exitCode, String stdout, String stderr, Duration elapsed,
        BackendKind backend, List<String> denials, List<String> surfaces) {
    public RunResult {
        denials = List.copyOf(denials);
        surfaces = List.copyOf(surfaces);
    }

    public boolean succeeded() {
        return outcome == Outcome.SUCCEEDED;
    }

    /** A few lines for a model or a user: the outcome and the tail of stderr. */
    public String summary() {
        String tail = stderr.length() > 2000 ? stderr.substring(stderr.length() - 2000) : stderr;
        return outcome + " (exit " + exitCode + ")" + (tail.isBlank() ? "" : "\n" + tail.strip());
    }
}
