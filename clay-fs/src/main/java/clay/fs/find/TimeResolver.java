package clay.fs.find;

import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * Finds the first relative or absolute time expression in free text ("Tuesday", "last week", "3 days ago",
 * "in March", "2026-11-20") and resolves it against {@code now}. A seam:
 * the default is {@link IntelligenceTimeResolver}, Clay's shared reading of time words; tests may plug in others.
 */
@FunctionalInterface
public interface TimeResolver {
    Optional<TimeSpan> resolve(String text, ZonedDateTime now);
}
