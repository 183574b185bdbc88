package clay.fs.find;

import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * Finds the first relative or absolute time expression in free text ("Tuesday", "last week", "3 days ago",
 * "in March", "2026-11-20") and resolves it against {@code now}. A seam: ClayFS ships {@link SimpleTimeResolver};
 * the intent layer's shared resolver can be plugged in through {@link clay.fs.FsOptions#withTime}.
 */
@FunctionalInterface
public interface TimeResolver {
    Optional<TimeSpan> resolve(String text, ZonedDateTime now);
}
