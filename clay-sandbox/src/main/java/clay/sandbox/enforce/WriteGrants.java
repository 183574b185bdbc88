package clay.sandbox.enforce;

import clay.sandbox.manifest.PathGrant;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Write grants under bubblewrap: the program never writes the host directory. It gets a size-capped tmpfs at the
 * granted path (the kernel answers ENOSPC past the quota), filled from a read-only view of the host directory before
 * it starts. When it exits by itself the launch shell kills every process left in the sandbox, waits until none is
 * left, and only then archives the tmpfs into one host file. That file is never bound into the sandbox: the shell
 * writes it through a descriptor opened on the host, which the program does not inherit and cannot reopen (the shell
 * is an execute-only copy, so the kernel marks it non-dumpable and refuses {@code /proc/PID/fd} to the program).
 * Clay then treats the archive as untrusted anyway ({@link CopyBack}): grants never nest, symlinks are never
 * created or followed, every write goes through directory descriptors opened without following links. A run killed
 * for a limit or stopped leaves the host directory untouched.
 */
public final class WriteGrants {
    static final String IN = "/run/clay/in/";
    /** Where the execute-only launch shell of a run with write grants is bound. */
    static final String LAUNCHER = "/run/clay/launch";
    /** The descriptor the launch shell writes the archive to (opened on the host, closed for the program). */
    static final int ARCHIVE_FD = 4;
    private static final long PAGE = 4096;
    private static final LinkOption[] NOFOLLOW = {LinkOption.NOFOLLOW_LINKS};

    private WriteGrants() {}

    /** The write grants that get a tmpfs (existing directories). */
    public static List<PathGrant> of(LaunchPlan plan) {
        return plan.grants().stream().filter(g -> g.writable() && g.exists()).toList();
    }

    /** The host file that receives the archive of every write grant (never visible inside the sandbox). */
    static Path archive(LaunchPlan plan) {
        return plan.workDir().resolve("write.tar");
    }

    /** The execute-only copy of the shell that launches a run with write grants. */
    static Path launcher(LaunchPlan plan) {
        return plan.workDir().resolve("launch");
    }

    /**
     * Checks each granted directory fits its quota, creates the empty archive file and the execute-only launch
     * shell; refuses clearly otherwise.
     */
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
        }
        try {
            Files.createDirectories(plan.workDir());
            Files.write(archive(plan), new byte[0]);
            Path sh = launcher(plan);
            Files.deleteIfExists(sh);
            Files.copy(Path.of("/usr/bin/sh").toRealPath(), sh);
            // execute-only: exec marks the process non-dumpable, so the program cannot open /proc/PID/fd or mem of it
            Files.setPosixFilePermissions(sh, java.nio.file.attribute.PosixFilePermissions.fromString("--x--x--x"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the write grants", e);
        }
    }

    /** Largest archive the launch shell may write: every quota plus tar headers (RLIMIT_FSIZE covers it). */
    static long archiveCap(LaunchPlan plan) {
        long q = plan.limits().writeBytes();
        return Math.max(1, of(plan).size()) * (q + q / 4) + 1024 * 1024;
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

    /** How the launch shell starts the program: without the archive descriptor. */
    static String program() {
        return "\"$@\" " + ARCHIVE_FD + ">&-\n";
    }

    /**
     * Shell lines (run inside, after the program exits): kill every process left but the shell and the sandbox's
     * init, wait until none is left, then archive all write grants at once to the archive descriptor.
     */
    static String copyOut(LaunchPlan plan) {
        StringBuilder s = new StringBuilder();
        s.append("n=0\nwhile :; do\n")
                .append("  kill -KILL -1 2>/dev/null; wait 2>/dev/null; left=\n")
                .append("  for p in /proc/[0-9]*; do p=${p#/proc/}; [ \"$p\" = 1 ] || [ \"$p\" = $$ ] || left=$p; done\n")
                .append("  [ -z \"$left\" ] && break\n")
                .append("  n=$((n+1)); [ $n -gt 100000 ] && exit $rc\n")
                .append("done\n");
        s.append("/usr/bin/tar --format=gnu --hard-dereference -C / -cf - --");
        for (PathGrant g : of(plan)) s.append(' ').append(quote(Path.of("/").relativize(g.path()).toString()));
        s.append(" >&").append(ARCHIVE_FD).append(" 2>/dev/null\n");
        return s.toString();
    }

    /**
     * What copying back did.
     *
     * @param full whether a tmpfs was full (or the archive unusable), which the run reports as a disk limit
     * @param dropped entries not copied back, with why ({@code write PATH (symlink, not copied back)})
     */
    record Applied(boolean full, List<String> dropped) {
        public Applied {
            dropped = List.copyOf(dropped);
        }
    }

    /** Applies the archive to the host directories after a run that exited by itself. */
    static Applied apply(LaunchPlan plan) {
        List<PathGrant> grants = of(plan);
        Path tar = archive(plan);
        List<String> dropped = new ArrayList<>();
        boolean full = false;
        try {
            if (!Files.isRegularFile(tar, NOFOLLOW) || Files.size(tar) == 0) {
                return new Applied(true, dropped); // the shell could not archive: nothing is copied out
            }
            List<Entry> entries = read(tar);
            for (PathGrant g : grants) {
                List<Entry> mine = CopyBack.entriesOf(g.path(), grants.stream().map(PathGrant::path).toList(), entries);
                long pages = mine.stream().filter(e -> e.type == '0').mapToLong(e -> (e.data.length + PAGE - 1) / PAGE * PAGE).sum();
                if (pages + 16 * PAGE >= plan.limits().writeBytes()) full = true;
                CopyBack.sync(g.path(), mine, dropped);
            }
        } catch (IOException | RuntimeException e) {
            full = true; // a truncated or malformed archive: what was not yet applied keeps what it had
        } finally {
            try {
                Files.deleteIfExists(tar);
            } catch (IOException ignored) {
                // the run directory is removed later
            }
        }
        if (dropped.size() > 50) {
            int more = dropped.size() - 50;
            dropped = new ArrayList<>(dropped.subList(0, 50));
            dropped.add("write: " + more + " more entries not copied back");
        }
        return new Applied(full, dropped);
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
