package clay.sandbox.enforce;

import clay.sandbox.manifest.PathGrant;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds refused file accesses in a run's stderr, so the audit log can name them. Inside the sandbox an ungranted path
 * simply does not exist and a read-only grant cannot be written, so the kernel's answer (ENOENT, EACCES, EROFS, EPERM)
 * shows up in the interpreters' error messages: Python's {@code [Errno 2] No such file or directory: '/root/.ssh/id_rsa'},
 * Node's {@code ENOENT: no such file or directory, open '...'}, Java's {@code NoSuchFileException: /x}. Only paths
 * outside the grants (or writes to read-only grants) count; it is best-effort, the enforcement does not depend on it.
 * The program writes its own stderr and can print any such line, so what this finds is marked as reported by the
 * program ({@link #PREFIX}) and audited apart from the refusals Clay enforced itself.
 */
public final class DenialScanner {
    /** Starts every finding: the program said so, Clay did not see it. */
    public static final String PREFIX = "reported by the program: ";
    private static final List<Pattern> PATTERNS = List.of(
            Pattern.compile("\\[Errno (\\d+)\\] ([^:\\n]+): '([^'\\n]+)'"),
            Pattern.compile("\\b(ENOENT|EACCES|EROFS|EPERM): ([^,\\n]+), \\w+ '([^'\\n]+)'"),
            Pattern.compile("java\\.nio\\.file\\.(NoSuchFileException|AccessDeniedException|FileSystemException)(): (/[^\\s:]+)"),
            Pattern.compile("(Os \\{ code: \\d+, kind: \\w+), message: \"([^\"]+)\" \\}.*?(/[^\\s\"]+)"));

    private DenialScanner() {}

    /** {@code file PATH (reason)} for each refused path, in order of appearance, without duplicates. */
    public static List<String> scan(String stderr, List<PathGrant> grants, Path userHome) {
        Set<String> out = new LinkedHashSet<>();
        for (Pattern p : PATTERNS) {
            Matcher m = p.matcher(stderr);
            while (m.find() && out.size() < 50) {
                String reason = m.group(2).strip();
                String path = m.group(3);
                if (!path.startsWith("/")) continue;
                Path target = Path.of(path).normalize();
                boolean readOnlyWrite = reason.toLowerCase().contains("read-only") || "EROFS".equals(m.group(1));
                boolean granted = grants.stream().anyMatch(g -> g.exists() && target.startsWith(g.path())
                        && (g.writable() || !readOnlyWrite));
                boolean nearGrant = target.startsWith(userHome) || grants.stream().anyMatch(g -> target.startsWith(g.path()));
                boolean private_ = target.startsWith("/tmp") || target.startsWith(LaunchPlan.PROGRAM_DIR)
                        || target.startsWith("/proc") || target.startsWith("/dev");
                if (granted || private_ && !nearGrant) continue;
                out.add(PREFIX + "file " + target + " (" + (reason.isEmpty() ? m.group(1) : reason) + ")");
            }
        }
        return List.copyOf(out);
    }
}
