package clay.sandbox.program;

import java.time.Instant;

/**
 * One line of a program's run history ({@code runs.jsonl}).
 *
 * @param at when it finished
 * @param hash the code that ran
 * @param outcome how it ended
 * @param exitCode its exit status
 * @param millis how long it took
 */
public record RunRecord(Instant at, String hash, String outcome, int exitCode, long millis) {}
