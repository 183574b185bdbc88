package clay.canvas.spec;

import clay.core.InvalidInputException;
import java.util.List;

/** A surface spec that does not follow the surface schema; {@link #problems()} lists every reason, one per line. */
public final class InvalidSurfaceException extends InvalidInputException {
    private final List<String> problems;

    public InvalidSurfaceException(List<String> problems) {
        super("invalid surface spec: " + String.join("; ", problems),
                "Follow docs/surface-schema.json (version " + SurfaceValidator.VERSION + "): known component types and properties only.");
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }

    @Override
    public String kind() {
        return "invalid_surface";
    }
}
