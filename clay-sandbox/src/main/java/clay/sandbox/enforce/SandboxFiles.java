package clay.sandbox.enforce;

import clay.core.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The fixed files every sandbox sees, written once into the sandbox's state directory: the compiled seccomp filter and
 * a minimal {@code /etc} (a passwd and group naming only the sandbox user, hosts with localhost only, nsswitch, and
 * copies of the host's {@code ld.so.cache}, {@code localtime} and CA bundle). The whole directory is bound as
 * {@code /etc} with one mount instead of one per file, which is measurably faster to set up.
 */
public final class SandboxFiles {
    public static final int UID = 1000;
    public static final int GID = 1000;

    private final Path seccomp;
    private final Path seccompBridged;
    private final Path etc;

    private SandboxFiles(Path seccomp, Path seccompBridged, Path etc) {
        this.seccomp = seccomp;
        this.seccompBridged = seccompBridged;
        this.etc = etc;
    }

    public static SandboxFiles writeInto(Path dir, String home) {
        try {
            Files.createDirectories(dir);
            Path seccomp = dir.resolve("seccomp-x86_64.bpf");
            Path bridged = dir.resolve("seccomp-x86_64-bridged.bpf");
            writeIfChanged(seccomp, SeccompFilter.bytes());
            writeIfChanged(bridged, SeccompFilter.bridgedBytes());
            Path etc = dir.resolve("etc");
            Files.createDirectories(etc);
            // bound as the sandbox's /etc: readable by the sandbox user also under gVisor, where it is not the owner
            Files.setPosixFilePermissions(etc, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
            writeIfChanged(etc.resolve("passwd"), "root:x:0:0:root:/nonexistent:/usr/sbin/nologin\n"
                    + "clay:x:" + UID + ":" + GID + ":Clay sandbox:" + home + ":/usr/sbin/nologin\n"
                    + "nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n");
            writeIfChanged(etc.resolve("group"), "root:x:0:\nclay:x:" + GID + ":\nnogroup:x:65534:\n");
            writeIfChanged(etc.resolve("hosts"), "127.0.0.1 localhost\n::1 localhost\n");
            writeIfChanged(etc.resolve("nsswitch.conf"), "passwd: files\ngroup: files\nhosts: files\n");
            copyIfChanged(Path.of("/etc/ld.so.cache"), etc.resolve("ld.so.cache"));
            copyIfChanged(Path.of("/etc/localtime"), etc.resolve("localtime"));
            copyIfChanged(Path.of("/etc/ssl/certs/ca-certificates.crt"), etc.resolve("ssl/certs/ca-certificates.crt"));
            copyIfChanged(Path.of("/etc/ssl/openssl.cnf"), etc.resolve("ssl/openssl.cnf"));
            try (var all = Files.walk(etc)) {
                for (Path p : (Iterable<Path>) all::iterator) {
                    Files.setPosixFilePermissions(p, java.nio.file.attribute.PosixFilePermissions.fromString(
                            Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--"));
                }
            }
            return new SandboxFiles(seccomp, bridged, etc);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write sandbox files into " + dir, e);
        }
    }

    /** Copies a host file (following symlinks) when it exists and differs; removes a stale copy when it is gone. */
    private static void copyIfChanged(Path from, Path to) throws IOException {
        if (!Files.isRegularFile(from)) {
            Files.deleteIfExists(to);
            return;
        }
        byte[] b = Files.readAllBytes(from);
        if (Files.exists(to) && java.util.Arrays.equals(Files.readAllBytes(to), b)) return;
        Files.createDirectories(to.getParent());
        AtomicFiles.write(to, b);
    }

    private static void writeIfChanged(Path file, byte[] content) throws IOException {
        if (Files.exists(file) && java.util.Arrays.equals(Files.readAllBytes(file), content)) return;
        AtomicFiles.write(file, content);
    }

    private static void writeIfChanged(Path file, String content) throws IOException {
        if (Files.exists(file) && Files.readString(file).equals(content)) return;
        AtomicFiles.writeString(file, content);
    }

    /** The seccomp filter of runs without bridges: no unix sockets. */
    public Path seccomp() {
        return seccomp;
    }

    /** The seccomp filter of runs whose socat bridges connect to the egress proxy or the broker. */
    public Path seccompBridged() {
        return seccompBridged;
    }

    /** The generated {@code /etc} directory; its files are bound one by one. */
    public Path etc() {
        return etc;
    }
}
