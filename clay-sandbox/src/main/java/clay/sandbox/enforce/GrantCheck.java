package clay.sandbox.enforce;

import clay.sandbox.manifest.PathGrant;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Optional;

/**
 * Checks granted paths before they are bound into a sandbox. A read-only bind does not stop {@code connect()} on a unix
 * socket nor {@code open()} for writing on a named pipe, so a grant holding either (a tmux or ssh-agent socket, an X11
 * socket, a FIFO some host process reads) would hand the program a channel out of the sandbox: such grants are
 * refused, naming the endpoint. Walks at most {@value #MAX_ENTRIES} entries per grant and refuses a grant too large to
 * check. When Clay runs as root, a grant the sandbox user cannot read (a {@code 0700} directory or {@code 0600} file of
 * root's) is refused too, naming it, instead of failing inside the program.
 */
public final class GrantCheck {
    static final int MAX_ENTRIES = 200_000;

    private GrantCheck() {}

    /** A grant that must not be bound, and why. */
    public record Refusal(PathGrant grant, String reason) {}

    /** The first grant that cannot be bound safely, if any. */
    public static Optional<Refusal> check(List<PathGrant> grants, SandboxUser user) {
        for (PathGrant g : grants) {
            if (!g.exists()) continue;
            Optional<String> endpoint = endpoint(g.path());
            if (endpoint.isPresent()) return Optional.of(new Refusal(g, endpoint.get()));
            Optional<String> unreachable = user.unreadable(g.path());
            if (unreachable.isPresent()) {
                return Optional.of(new Refusal(g, "the sandbox runs as the unprivileged user " + SandboxUser.NAME
                        + " (uid " + user.uid() + ") because Clay runs as root, and " + unreachable.get()
                        + "; make it readable by other users, or run Clay as your own user"));
            }
        }
        return Optional.empty();
    }

    /** The first unix socket or named pipe at or below {@code root} (symlinks are not followed), if any. */
    static Optional<String> endpoint(Path root) {
        String[] found = {null};
        int[] seen = {0};
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    return visit(dir, attrs);
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    return visit(file, attrs);
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE; // unreadable to Clay: bound, and unreadable inside as well
                }

                private FileVisitResult visit(Path p, BasicFileAttributes attrs) {
                    if (++seen[0] > MAX_ENTRIES) {
                        found[0] = "it holds more than " + MAX_ENTRIES + " entries, too many to check for unix sockets"
                                + " and named pipes; grant a narrower path";
                        return FileVisitResult.TERMINATE;
                    }
                    if (attrs.isOther()) {
                        String kind = kind(p);
                        if (kind != null) {
                            found[0] = p + " is a " + kind + ", which a program could use to talk to whatever listens"
                                    + " there; grant a narrower path or move it out";
                            return FileVisitResult.TERMINATE;
                        }
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot check the grant " + root, e);
        }
        return Optional.ofNullable(found[0]);
    }

    private static String kind(Path p) {
        try {
            int mode = (Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS);
            return switch (mode & 0170000) {
                case 0140000 -> "unix socket";
                case 0010000 -> "named pipe";
                default -> null; // device nodes are bound nodev
            };
        } catch (IOException e) {
            return null;
        }
    }
}
