package clay.sandbox.enforce;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes host paths the sandbox user cannot reach bindable by it. Bubblewrap and runsc run as the sandbox user and
 * open every bind source themselves, so a source below a directory that user may not enter ({@code /root} is
 * {@code 0700}) is first bind-mounted by root onto a mount point in the run's directory, inside a mount namespace of
 * the launch alone ({@code unshare --mount}, private propagation: the host's mounts never change). Only the path on
 * the way is bypassed: the permission bits of the granted directory and the files in it still apply to the sandbox
 * user. Nothing is staged when Clay is not root.
 */
final class Staging {
    private final SandboxUser user;
    private final Path dir;
    private final List<Path[]> mounts = new ArrayList<>();

    Staging(SandboxUser user, Path workDir) {
        this.user = user;
        this.dir = workDir.resolve("stage");
    }

    /** The path to bind instead of {@code p}: {@code p} itself, or its mount point in the staging directory. */
    String source(Path p) {
        if (user.blockedOnTheWay(p).isEmpty()) return p.toString();
        Path target = dir.resolve(Integer.toString(mounts.size()));
        try {
            Files.createDirectories(dir);
            if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) Files.createDirectory(target);
            else Files.createFile(target);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stage " + p, e);
        }
        mounts.add(new Path[] {p, target});
        return target.toString();
    }

    /** The command prefix that makes the staged mounts (as root) before the backend starts; empty when none. */
    List<String> prefix() {
        if (mounts.isEmpty()) return List.of();
        StringBuilder s = new StringBuilder();
        for (Path[] m : mounts) {
            s.append("mount --bind ").append(WriteGrants.quote(m[0].toString())).append(' ')
                    .append(WriteGrants.quote(m[1].toString())).append(" || { echo 'clay-sandbox: cannot stage ")
                    .append(m[0].toString().replace("'", "")).append("' >&2; exit 125; }\n");
        }
        s.append("exec \"$@\"\n");
        Path unshare = HostSupport.which("unshare").orElseThrow(() -> new SandboxUnavailableException(
                "unshare (util-linux) is needed to give the sandbox user paths under root's home", "apt-get install util-linux"));
        return List.of(unshare.toString(), "--mount", "--propagation", "private", "--", "/bin/sh", "-c", s.toString(), "clay-stage");
    }
}
