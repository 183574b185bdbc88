package clay.sandbox.enforce;

import clay.sandbox.manifest.PathGrant;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Write grants under bubblewrap: the program never writes the host directory. It gets a size-capped tmpfs at the
 * granted path (the kernel answers ENOSPC past the quota), filled from a read-only view of the host directory before
 * it starts. When it exits by itself the launch shell archives the tmpfs into one host file (bounded by RLIMIT_FSIZE)
 * and Clay applies that archive to the host directory: files added or changed are written, files and directories the
 * program removed are deleted. A run killed for a limit or stopped leaves the host directory untouched.
 */
public final class WriteGrants {
    static final String IN = "/run/clay/in/";
    static final String OUT = "/run/clay/out/";
    private static final long PAGE = 4096;
    private static final LinkOption[] NOFOLLOW = {LinkOption.NOFOLLOW_LINKS};

    private WriteGrants() {}

    /** The write grants that get a tmpfs (existing directories). */
    public static List<PathGrant> of(LaunchPlan plan) {
        return plan.grants().stream().filter(g -> g.writable() && g.exists()).toList();
    }

    /** The host file that receives grant {@code i}'s archive. */
    static Path archive(LaunchPlan plan, int i) {
        return plan.workDir().resolve("write-" + i + ".tar");
    }

    /** Checks each granted directory fits its quota and creates the empty archive files; refuses clearly otherwise. */
    static void prepare(LaunchPlan plan) {
        List<PathGrant> grants = of(plan);
        for (int i = 0; i < grants.size(); i++) {
            Path dir = grants.get(i).path();
            if (!Files.isDirectory(dir, NOFOLLOW)) {
                throw new SandboxUnavailableException("the write grant " + dir + " is not a directory",
                        "grant write access to a directory");
            }
            long used = pages(dir);
            if (used >= plan.limits().writeBytes()) {
                throw new SandboxUnavailableException("the write grant " + dir + " already holds " + used
                        + " bytes, more than the write quota of " + plan.limits().writeBytes() + " bytes",
                        "grant an emptier directory or raise the sandbox's writeBytes limit");
            }
            try {
                Files.createDirectories(plan.workDir());
                Files.write(archive(plan, i), new byte[0]);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot prepare the write grant " + dir, e);
            }
        }
    }

    /** Largest archive the launch shell may write: the quota plus tar headers (RLIMIT_FSIZE covers it). */
    static long archiveCap(LaunchPlan plan) {
        long q = plan.limits().writeBytes();
        return q + q / 4 + 1024 * 1024;
    }

    /** Shell lines (run inside, before the program) copying each host directory into its tmpfs. */
    static String copyIn(LaunchPlan plan) {
        StringBuilder s = new StringBuilder();
        List<PathGrant> grants = of(plan);
        for (int i = 0; i < grants.size(); i++) {
            String p = quote(grants.get(i).path().toString());
            s.append("/usr/bin/cp -Rp ").append(quote(IN + i + "/.")).append(' ').append(p)
                    .append(" || { echo 'clay-sandbox: cannot copy the write grant in' >&2; exit 125; }\n");
        }
        return s.toString();
    }

    /** Shell lines (run inside, after the program exits) archiving each tmpfs; an archive that fails is emptied. */
    static String copyOut(LaunchPlan plan) {
        StringBuilder s = new StringBuilder();
        List<PathGrant> grants = of(plan);
        for (int i = 0; i < grants.size(); i++) {
            String f = quote(OUT + i + ".tar");
            s.append("/usr/bin/tar --format=gnu -C ").append(quote(grants.get(i).path().toString()))
                    .append(" -cf ").append(f).append(" . 2>/dev/null || : > ").append(f).append('\n');
        }
        return s.toString();
    }

    /**
     * Applies the archives to the host directories after a run that exited by itself; returns whether a tmpfs was
     * full (or its archive unusable), which the run reports as a disk limit.
     */
    static boolean apply(LaunchPlan plan) {
        boolean full = false;
        List<PathGrant> grants = of(plan);
        for (int i = 0; i < grants.size(); i++) {
            Path tar = archive(plan, i);
            try {
                if (!Files.isRegularFile(tar, NOFOLLOW) || Files.size(tar) == 0) {
                    full = true; // the shell could not archive it: nothing is copied out
                    continue;
                }
                List<Entry> entries = read(tar);
                long pages = entries.stream().filter(e -> e.type == '0').mapToLong(e -> (e.data.length + PAGE - 1) / PAGE * PAGE).sum();
                if (pages + 16 * PAGE >= plan.limits().writeBytes()) full = true;
                sync(grants.get(i).path(), entries);
            } catch (IOException | RuntimeException e) {
                full = true; // a truncated or malformed archive: the host directory keeps what it had
            } finally {
                try {
                    Files.deleteIfExists(tar);
                } catch (IOException ignored) {
                    // the run directory is removed later
                }
            }
        }
        return full;
    }

    record Entry(String name, char type, byte[] data, String link) {}

    /** Reads a GNU tar archive: files, directories and symlinks; anything else is ignored. */
    static List<Entry> read(Path tar) throws IOException {
        List<Entry> out = new ArrayList<>();
        try (InputStream in = Files.newInputStream(tar)) {
            String longName = null, longLink = null;
            byte[] h = new byte[512];
            while (true) {
                if (in.readNBytes(h, 0, 512) < 512) throw new IOException("truncated archive");
                boolean zero = true;
                for (byte b : h) if (b != 0) { zero = false; break; }
                if (zero) return out;
                long size = octal(h, 124, 12);
                if (size < 0 || size > Integer.MAX_VALUE - 1024) throw new IOException("bad entry size");
                byte[] data = in.readNBytes((int) size);
                if (data.length < size) throw new IOException("truncated archive");
                in.skipNBytes((512 - size % 512) % 512);
                char type = (char) h[156];
                if (type == 'L') { longName = cstr(data, 0, data.length); continue; }
                if (type == 'K') { longLink = cstr(data, 0, data.length); continue; }
                String name = longName != null ? longName : cstr(h, 0, 100);
                String link = longLink != null ? longLink : cstr(h, 157, 100);
                longName = null;
                longLink = null;
                if (type == '\0') type = '0';
                if (type == '0' || type == '5' || type == '2') out.add(new Entry(name, type, data, link));
            }
        }
    }

    /** Makes {@code root} hold exactly the archive's entries, never following a symlink and never leaving root. */
    static void sync(Path root, List<Entry> entries) throws IOException {
        Set<Path> keep = new HashSet<>();
        keep.add(root);
        for (Entry e : entries) {
            Path rel = Path.of(e.name).normalize();
            if (rel.isAbsolute() || rel.toString().isEmpty() || rel.startsWith("..")) continue;
            Path p = root.resolve(rel);
            if (!p.startsWith(root) || p.equals(root)) continue;
            makeParents(root, p.getParent());
            for (Path q = p; !q.equals(root); q = q.getParent()) keep.add(q);
            switch (e.type) {
                case '5' -> {
                    if (!Files.isDirectory(p, NOFOLLOW)) {
                        deleteTree(p);
                        Files.createDirectory(p);
                    }
                }
                case '2' -> {
                    if (Files.isSymbolicLink(p) && Files.readSymbolicLink(p).toString().equals(e.link)) continue;
                    deleteTree(p);
                    Files.createSymbolicLink(p, Path.of(e.link));
                }
                default -> {
                    if (Files.isRegularFile(p, NOFOLLOW) && Files.size(p) == e.data.length
                            && java.util.Arrays.equals(Files.readAllBytes(p), e.data)) continue;
                    if (!Files.isRegularFile(p, NOFOLLOW)) deleteTree(p);
                    Files.write(p, e.data, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                            StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
                }
            }
        }
        List<Path> gone = new ArrayList<>();
        try (Stream<Path> all = Files.walk(root)) {
            all.filter(p -> !keep.contains(p)).forEach(gone::add);
        }
        gone.sort(Comparator.reverseOrder());
        for (Path p : gone) Files.deleteIfExists(p);
    }

    private static void makeParents(Path root, Path dir) throws IOException {
        if (dir.equals(root)) return;
        makeParents(root, dir.getParent());
        if (!Files.isDirectory(dir, NOFOLLOW)) {
            deleteTree(dir);
            Files.createDirectory(dir);
        }
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p, NOFOLLOW)) return;
        if (Files.isDirectory(p, NOFOLLOW)) {
            try (Stream<Path> s = Files.walk(p)) {
                for (Path q : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(q);
            }
        } else {
            Files.delete(p);
        }
    }

    /** Bytes a directory takes in a tmpfs (file sizes rounded up to pages). */
    static long pages(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> Files.isRegularFile(p, NOFOLLOW)).mapToLong(p -> {
                try {
                    return (Files.size(p) + PAGE - 1) / PAGE * PAGE;
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        } catch (IOException | UncheckedIOException e) {
            throw new SandboxUnavailableException("cannot read the write grant " + dir + ": " + e.getMessage(),
                    "make the granted directory readable");
        }
    }

    private static long octal(byte[] h, int off, int len) {
        String t = cstr(h, off, len).trim();
        if (t.isEmpty()) return 0;
        try {
            return Long.parseLong(t, 8);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String cstr(byte[] b, int off, int len) {
        int end = off;
        while (end < off + len && b[end] != 0) end++;
        return new String(b, off, end - off, StandardCharsets.UTF_8);
    }

    static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
