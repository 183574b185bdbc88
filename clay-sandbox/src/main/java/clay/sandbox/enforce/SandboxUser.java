package clay.sandbox.enforce;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The host uid and gid sandboxed code runs as. Sandboxed code never runs as host uid 0: when Clay itself runs as root,
 * every backend is started through {@code setpriv} as the dedicated system user {@value #NAME} (created on first use
 * with {@code useradd --system}), with no supplementary groups and no capabilities, so inside its namespaces a program
 * is an ordinary unprivileged user of the host kernel: {@code /proc/sys}, cgroups and root-owned files are as closed to
 * it as to any other local user. When Clay runs as an ordinary user, programs run as that user's uid (the kernel gives
 * an unprivileged user no way to become another one); the namespaces then keep them away from the user's files.
 *
 * <p>Files the sandbox user must read (the run directory, the generated {@code /etc}) live in a staging directory it
 * can reach ({@link #stagingRoot()}), owned by root with the sandbox group, never writable by it. A granted path (or a
 * language runtime) below a directory the sandbox user may not enter, such as {@code /root/docs}, is first bind-mounted
 * by root into the run's staging directory in a private mount namespace ({@link Staging}); what the program may read
 * in it is then decided by the files' own permission bits for the sandbox user, as for any other local user: a
 * {@code 0600} file of root's stays unreadable, and a grant whose own directory or file is unreadable is refused,
 * naming it ({@link #unreadable}).
 */
public final class SandboxUser {
    /** The system user sandboxed code runs as when Clay runs as root. */
    public static final String NAME = "clay-sandbox";
    private static final Path STAGING = Path.of("/run/clay-sandbox");
    private static volatile SandboxUser cached;

    private final int uid;
    private final int gid;
    private final boolean dropped;

    private SandboxUser(int uid, int gid, boolean dropped) {
        this.uid = uid;
        this.gid = gid;
        this.dropped = dropped;
    }

    /** The sandbox user of this process: {@value #NAME} when running as root (created if missing), else the caller. */
    public static SandboxUser get() {
        SandboxUser u = cached;
        if (u == null) {
            synchronized (SandboxUser.class) {
                u = cached;
                if (u == null) cached = u = resolve();
            }
        }
        return u;
    }

    private static SandboxUser resolve() {
        int[] ids = hostIds();
        if (ids[0] != 0) return new SandboxUser(ids[0], ids[1], false);
        Optional<int[]> existing = lookup(NAME);
        if (existing.isEmpty()) {
            create();
            existing = lookup(NAME);
        }
        int[] u = existing.orElseThrow(() -> unavailable("the " + NAME + " user could not be created"));
        if (u[0] == 0 || u[1] == 0) throw unavailable("the " + NAME + " user has uid or gid 0");
        return new SandboxUser(u[0], u[1], true);
    }

    public int uid() {
        return uid;
    }

    public int gid() {
        return gid;
    }

    /** Whether Clay runs as root and sandboxed code runs as {@value #NAME} instead. */
    public boolean dropped() {
        return dropped;
    }

    /**
     * The command prefix that runs a backend as the sandbox user (empty when Clay is not root): real, effective and
     * saved ids set, supplementary groups cleared, no inheritable or ambient capabilities, no new privileges.
     */
    public List<String> prefix() {
        if (!dropped) return List.of();
        Path setpriv = HostSupport.which("setpriv").orElseThrow(() -> unavailable("setpriv is not installed"));
        return List.of(setpriv.toString(), "--reuid=" + uid, "--regid=" + gid, "--clear-groups", "--inh-caps=-all",
                "--no-new-privs", "--");
    }

    /**
     * Where per-run files go when the sandbox user is not Clay's own user: a root-owned directory every user may
     * enter but not list; empty when runs can stay in Clay's state directory.
     */
    public Optional<Path> stagingRoot() {
        if (!dropped) return Optional.empty();
        try {
            if (!Files.isDirectory(STAGING, LinkOption.NOFOLLOW_LINKS)) Files.createDirectories(STAGING);
            Files.setPosixFilePermissions(STAGING, PosixFilePermissions.fromString("rwx--x--x"));
            return Optional.of(STAGING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + STAGING, e);
        }
    }

    /** Gives a Clay-made directory to the sandbox group: it may read and enter it, not write it. */
    public void shareReadOnly(Path dir) throws IOException {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-x---"));
        if (dropped) Files.setAttribute(dir, "unix:gid", gid, LinkOption.NOFOLLOW_LINKS);
    }

    /** Hands a Clay-made file or directory to the sandbox user (a socket it connects to, a file it fills). */
    public void handOver(Path p) throws IOException {
        if (!dropped) return;
        Files.setAttribute(p, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(p, "unix:gid", gid, LinkOption.NOFOLLOW_LINKS);
    }

    /**
     * Why the sandbox user cannot read {@code p} (a directory on the way it may not enter, or {@code p} itself it may
     * not read), or empty when it can. Permission bits only; ACLs are not consulted.
     */
    public Optional<String> unreachable(Path p) {
        return blockedOnTheWay(p).or(() -> unreadable(p));
    }

    /** The first directory above {@code p} the sandbox user may not enter, if any (then the path is staged). */
    public Optional<String> blockedOnTheWay(Path p) {
        if (!dropped) return Optional.empty();
        List<Path> chain = new ArrayList<>();
        for (Path q = p.getParent(); q != null; q = q.getParent()) chain.add(0, q);
        try {
            for (Path dir : chain) {
                if (!allows(dir, PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.GROUP_EXECUTE,
                        PosixFilePermission.OTHERS_EXECUTE)) {
                    return Optional.of(dir + " (" + describe(dir) + ") cannot be entered by other users");
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of(p + " cannot be inspected: " + e.getMessage());
        }
    }

    /** Why the sandbox user may not read {@code p} itself (or list it, for a directory), if it may not. */
    public Optional<String> unreadable(Path p) {
        if (!dropped) return Optional.empty();
        try {
            boolean dir = Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS);
            boolean read = allows(p, PosixFilePermission.OWNER_READ, PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ);
            boolean enter = !dir || allows(p, PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.GROUP_EXECUTE,
                    PosixFilePermission.OTHERS_EXECUTE);
            if (!read || !enter) return Optional.of(p + " (" + describe(p) + ") cannot be read by other users");
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of(p + " cannot be inspected: " + e.getMessage());
        }
    }

    private boolean allows(Path p, PosixFilePermission owner, PosixFilePermission group, PosixFilePermission other)
            throws IOException {
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS);
        int ownerUid = (Integer) Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        int ownerGid = (Integer) Files.getAttribute(p, "unix:gid", LinkOption.NOFOLLOW_LINKS);
        if (ownerUid == uid) return perms.contains(owner);
        if (ownerGid == gid) return perms.contains(group);
        return perms.contains(other);
    }

    private static String describe(Path p) throws IOException {
        return "mode " + PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS))
                + ", owner uid " + Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS);
    }

    /** Real uid and gid of this process, from {@code /proc/self/status}. */
    static int[] hostIds() {
        try {
            int uid = -1, gid = -1;
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) uid = Integer.parseInt(line.split("\\s+")[1]);
                if (line.startsWith("Gid:")) gid = Integer.parseInt(line.split("\\s+")[1]);
            }
            if (uid < 0 || gid < 0) throw new IOException("no Uid/Gid lines");
            return new int[] {uid, gid};
        } catch (IOException | RuntimeException e) {
            throw unavailable("cannot tell which user Clay runs as: " + e.getMessage());
        }
    }

    private static Optional<int[]> lookup(String name) {
        try {
            for (String line : Files.readAllLines(Path.of("/etc/passwd"))) {
                String[] f = line.split(":");
                if (f.length > 3 && f[0].equals(name)) return Optional.of(new int[] {Integer.parseInt(f[2]), Integer.parseInt(f[3])});
            }
            return Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static void create() {
        Path useradd = HostSupport.which("useradd").orElseThrow(() -> unavailable("useradd is not installed"));
        try {
            Process p = new ProcessBuilder(useradd.toString(), "--system", "--user-group", "--no-create-home",
                    "--home-dir", "/nonexistent", "--shell", "/usr/sbin/nologin", "--comment", "Clay sandboxed programs", NAME)
                    .redirectErrorStream(true).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes()).strip();
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0 && lookup(NAME).isEmpty()) {
                throw unavailable("useradd " + NAME + " failed: " + out);
            }
        } catch (IOException e) {
            throw unavailable("cannot run useradd: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable("interrupted while creating the " + NAME + " user");
        }
    }

    private static SandboxUnavailableException unavailable(String why) {
        return new SandboxUnavailableException("Clay runs as root and will not run sandboxed code as root, but " + why,
                "create the user yourself: useradd --system --user-group --no-create-home --shell /usr/sbin/nologin "
                        + NAME + " (needs setpriv from util-linux); or run Clay as your own user");
    }
}
