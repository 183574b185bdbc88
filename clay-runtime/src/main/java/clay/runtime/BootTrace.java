package clay.runtime;

import java.util.ArrayList;
import java.util.List;

/** The boot sequence's steps with their durations, for {@code clay runtime start --trace-boot}. */
public final class BootTrace {
    /** One step: its name, how long it took, and a note (e.g. "loading in background"). */
    public record Step(String name, double millis, String note) {}

    private final long start = System.nanoTime();
    private final List<Step> steps = new ArrayList<>();
    private long last = start;

    public synchronized void step(String name, String note) {
        long now = System.nanoTime();
        steps.add(new Step(name, (now - last) / 1e6, note));
        last = now;
    }

    public synchronized List<Step> steps() {
        return List.copyOf(steps);
    }

    public synchronized double totalMillis() {
        return (last - start) / 1e6;
    }

    public synchronized String render() {
        StringBuilder sb = new StringBuilder();
        for (Step s : steps) {
            sb.append(String.format("  %-14s %8.1f ms%s%n", s.name(), s.millis(), s.note().isEmpty() ? "" : "  " + s.note()));
        }
        sb.append(String.format("  %-14s %8.1f ms%n", "total", totalMillis()));
        return sb.toString();
    }
}
