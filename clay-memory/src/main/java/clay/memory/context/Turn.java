package clay.memory.context;

import java.time.Instant;
import java.util.Objects;

/** One conversation turn: {@code role} is {@code user} or {@code assistant}. */
public record Turn(String role, String text, Instant at) {
    public Turn {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(at, "at");
    }
}
