package clay.sandbox.manifest;

import clay.core.Capability;
import clay.core.CapabilityDeniedException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Turns {@code read:} and {@code write:} capabilities into {@link PathGrant}s: expands {@code ~}, expands globs against
 * what exists now, removes {@code ..} lexically and then refuses any path whose real path differs (a symlink anywhere
 * in it could point outside what the user approved). Refuses paths that are or contain protected places (the Clay home
 * with its approvals and token, {@code ~/.ssh}, {@code /proc}, {@code /etc/shadow}, {@code /} ...). A {@code write:}
 * target that does not exist yet is created as a directory, so the grant has something to bind.
 */
public final class PathResolver {
    private static final int MAX_GLOB_MATCHES = 256;
    private static final int MAX_GLOB_DEPTH = 8;

    private final Path userHome;
    private final List<Path> protectedPaths;
    private final List<Path> allowedInsideProtected;

    /**
     * @param userHome what {@code ~} means
     * @param protectedPaths paths no grant may equal, contain or lie inside
     * @param allowedInsideProtected exceptions: grants at or under these are allowed even inside a protected path
     */
    public PathResolver(Path userHome, List<Path> protectedPaths, List<Path> allowedInsideProtected) {
        this.userHome = userHome.toAbsolutePath().normalize();
        List<Path> prot = new ArrayList<>(protectedPaths.stream().map(p -> p.toAbsolutePath().normalize()).toList());
        for (String s : List.of("/", "/proc", "/sys", "/dev", "/run", "/boot", "/etc/shadow", "/etc/gshadow", "/etc/sudoers")) {
            prot.add(Path.of(s));
        }
        prot.add(this.userHome.resolve(".ssh"));
        prot.add(this.userHome.resolve(".gnupg"));
        this.protectedPaths = List.copyOf(prot);
        this.allowedInsideProtected = allowedInsideProtected.stream().map(p -> p.toAbsolutePath().normalize()).toList();
    }

    public Path userHome() {
        return userHome;
    }

    /** The grants for every read/write capability of {@code manifest}; write wins where both name a path. */
    public List<PathGrant> resolve(List<Capability> capabilities) {
        Map<Path, PathGrant> out = new LinkedHashMap<>();
        for (Capability c : capabilities) {
            if (c.kind() != Capability.Kind.READ && c.kind() != Capability.Kind.WRITE) continue;
            boolean write = c.kind() == Capability.Kind.WRITE;
            for (PathGrant g : resolveOne(c, write)) {
                out.merge(g.path(), g, (a, b) -> a.writable() ? a : b);
            }
        }
        List<PathGrant> grants = List.copyOf(out.values());
        refuseNestedWrites(capabilities, grants);
        return grants;
    }

    /**
     * Refuses a write grant that contains, or lies inside, another grant: each write grant is its own tmpfs copied
     * back on its own, and one copy-back must never be able to reshape another grant's directory. A glob such as
     * {@code write:~/dir/**} that matches nested directories is refused the same way.
     */
    private static void refuseNestedWrites(List<Capability> capabilities, List<PathGrant> grants) {
        for (PathGrant a : grants) {
            for (PathGrant b : grants) {
                if (a == b || !(a.writable() || b.writable()) || !b.path().startsWith(a.path())) continue;
                Capability c = capabilities.stream().filter(x -> x.kind() == Capability.Kind.WRITE).findFirst().orElseThrow();
                throw new CapabilityDeniedException(c, "the grants overlap: " + a.path() + " contains " + b.path()
                        + ", and a write grant may not contain or lie inside another grant; grant separate directories");
            }
        }
    }

    private List<PathGrant> resolveOne(Capability c, boolean write) {
        Path lexical = expand(c);
        String text = lexical.toString();
        if (text.chars().anyMatch(ch -> ch == '*' || ch == '?' || ch == '[' || ch == '{')) {
            return glob(c, lexical, write);
        }
        return List.of(checked(c, lexical, write, true));
    }

    private Path expand(Capability c) {
        String arg = c.argument().strip();
        Path p;
        if (arg.equals("~")) p = userHome;
        else if (arg.startsWith("~/")) p = userHome.resolve(arg.substring(2));
        else if (arg.startsWith("/")) p = Path.of(arg);
        else throw new CapabilityDeniedException(c, "paths must be absolute or start with ~/");
        return p.normalize();
    }

    private PathGrant checked(Capability c, Path lexical, boolean write, boolean createIfMissing) {
        if (lexical.equals(Path.of("/"))) throw new CapabilityDeniedException(c, "the whole file system cannot be granted");
        boolean allowed = allowedInsideProtected.stream().anyMatch(lexical::startsWith);
        for (Path prot : protectedPaths) {
            if (allowed || prot.equals(Path.of("/"))) continue;
            if (lexical.startsWith(prot)) throw new CapabilityDeniedException(c, lexical + " is protected (" + prot + ")");
            if (prot.startsWith(lexical)) {
                throw new CapabilityDeniedException(c, "it would expose " + prot + "; grant a narrower path");
            }
        }
        try {
            if (Files.exists(lexical, LinkOption.NOFOLLOW_LINKS)) {
                Path real = lexical.toRealPath();
                if (!real.equals(lexical)) {
                    throw new CapabilityDeniedException(c, lexical + " goes through a symlink to " + real);
                }
                return new PathGrant(lexical, write, true);
            }
            Path parent = lexical.getParent();
            Path existing = parent;
            while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) existing = existing.getParent();
            if (existing != null && !existing.toRealPath().equals(existing)) {
                throw new CapabilityDeniedException(c, existing + " goes through a symlink to " + existing.toRealPath());
            }
            if (write && createIfMissing) {
                Files.createDirectories(lexical);
                return new PathGrant(lexical, true, true);
            }
            return new PathGrant(lexical, write, false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot resolve " + lexical, e);
        }
    }

    /**
     * The path a {@code read:} or {@code write:} capability names, {@code ~} expanded and {@code ..} removed, cut
     * before its first glob component; nothing is checked or created. Empty when it is neither absolute nor {@code ~}.
     */
    public java.util.Optional<Path> lexicalBase(Capability c) {
        try {
            return java.util.Optional.of(fixedPrefix(expand(c)));
        } catch (CapabilityDeniedException e) {
            return java.util.Optional.empty();
        }
    }

    private static Path fixedPrefix(Path pattern) {
        Path base = Path.of("/");
        for (Path part : pattern) {
            String s = part.toString();
            if (s.chars().anyMatch(ch -> ch == '*' || ch == '?' || ch == '[' || ch == '{')) break;
            base = base.resolve(s);
        }
        return base;
    }

    private List<PathGrant> glob(Capability c, Path pattern, boolean write) {
        Path base = fixedPrefix(pattern);
        checked(c, base, false, false);
        if (!Files.isDirectory(base, LinkOption.NOFOLLOW_LINKS)) return List.of();
        PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
        List<PathGrant> out = new ArrayList<>();
        try (Stream<Path> s = Files.walk(base, MAX_GLOB_DEPTH)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                if (!m.matches(p) || Files.isSymbolicLink(p)) continue;
                out.add(checked(c, p, write, false));
                if (out.size() > MAX_GLOB_MATCHES) {
                    throw new CapabilityDeniedException(c, "the glob matches more than " + MAX_GLOB_MATCHES + " paths");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot expand " + pattern, e);
        }
        return out;
    }
}
