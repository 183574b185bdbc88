package clay.sandbox.manifest;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A host path a program may see, already resolved: absolute, no {@code ..}, no symlink anywhere in it. It is bound into
 * the sandbox at the same path.
 *
 * @param path the resolved host path
 * @param writable whether a {@code write:} grant covers it (else read-only)
 * @param exists whether it existed when resolved (missing read grants are simply absent in the sandbox)
 */
public record PathGrant(Path path, boolean writable, boolean exists) {
    public PathGrant {
        Objects.requireNonNull(path, "path");
        if (!path.isAbsolute()) throw new IllegalArgumentException("path must be absolute: " + path);
    }
}
