package clay.sandbox.manifest;

import clay.core.Capability;
import clay.core.CapabilityDeniedException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The code a program could load from its file grants besides its own source: every file under its {@code read:} and
 * {@code write:} paths whose extension its language imports or loads as code (Python {@code .py .pyc .pyw .pth .so},
 * JavaScript {@code .js .mjs .cjs .node .wasm .so}, Java {@code .java .class .jar .so}, Rust {@code .so}). An approval
 * covers the program's source together with these files ({@link #approvalKey()}), so changing a module the program
 * imports asks again. Data the program reads and evaluates by itself ({@code exec(open(f).read())}) is not code by
 * this rule: it is what the user let it read. Symlinks are not followed (inside the sandbox they lead only to other
 * grants, which are scanned themselves).
 *
 * @param program the program's own source hash
 * @param files each code file found, with the SHA-256 of its content, sorted by path
 */
public record ImportedCode(String program, Map<Path, String> files) {
    /** More code files than this under the grants: refused, grant a narrower path. */
    public static final int MAX_FILES = 2000;
    /** More code than this under the grants: refused. */
    public static final long MAX_BYTES = 256L << 20;

    public ImportedCode {
        files = java.util.Collections.unmodifiableMap(new TreeMap<>(files));
    }

    /** The extensions {@code language} loads as code. */
    static Set<String> codeExtensions(Language language) {
        return switch (language) {
            case PYTHON -> Set.of("py", "pyc", "pyw", "pth", "so");
            case JAVASCRIPT -> Set.of("js", "mjs", "cjs", "node", "wasm", "so");
            case JAVA -> Set.of("java", "class", "jar", "so");
            case RUST -> Set.of("so");
        };
    }

    /**
     * Scans the existing paths of {@code program}'s read and write capabilities as {@code paths} expands them (a glob
     * is scanned from its fixed prefix). Throws {@link CapabilityDeniedException} when there is more code than
     * {@link #MAX_FILES} or {@link #MAX_BYTES}.
     */
    public static ImportedCode scan(Program program, PathResolver paths) {
        Set<String> ext = codeExtensions(program.language());
        Map<Path, String> found = new TreeMap<>();
        long[] bytes = {0};
        for (Capability c : program.manifest().capabilities()) {
            if (c.kind() != Capability.Kind.READ && c.kind() != Capability.Kind.WRITE) continue;
            Path base = paths.lexicalBase(c).orElse(null);
            if (base == null || !Files.exists(base, LinkOption.NOFOLLOW_LINKS) || Files.isSymbolicLink(base)) continue;
            try {
                Files.walkFileTree(base, Set.of(), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult visitFile(Path f, BasicFileAttributes a) throws IOException {
                        if (!a.isRegularFile() || !ext.contains(extension(f)) || found.containsKey(f)) return FileVisitResult.CONTINUE;
                        bytes[0] += a.size();
                        if (found.size() >= MAX_FILES || bytes[0] > MAX_BYTES) {
                            throw new CapabilityDeniedException(c, "its paths hold more code than Clay can check for approval ("
                                    + MAX_FILES + " files or " + (MAX_BYTES >> 20) + " MiB); grant a narrower path");
                        }
                        try {
                            found.put(f, sha256(f));
                        } catch (IOException e) {
                            // unreadable by Clay: unreadable inside the sandbox too
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path f, IOException e) {
                        return FileVisitResult.CONTINUE; // an unreadable directory is unreadable inside too; go on
                    }
                });
            } catch (IOException e) {
                throw new UncheckedIOException("cannot scan " + base + " for code", e);
            }
        }
        return new ImportedCode(program.hash(), found);
    }

    /** What an approval is kept under: the program's hash alone when it can load no other code, else a digest of all. */
    public String approvalKey() {
        if (files.isEmpty()) return program;
        StringBuilder b = new StringBuilder(program);
        files.forEach((p, h) -> b.append('\n').append(h).append(' ').append(p));
        return Program.sha256(b.toString());
    }

    private static String extension(Path f) {
        String n = f.getFileName().toString().toLowerCase(Locale.ROOT);
        int dot = n.lastIndexOf('.');
        return dot < 0 ? "" : n.substring(dot + 1);
    }

    private static String sha256(Path f) throws IOException {
        try (InputStream in = Files.newInputStream(f, LinkOption.NOFOLLOW_LINKS)) {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[65536];
            int n;
            while ((n = in.read(buf)) > 0) d.update(buf, 0, n);
            return HexFormat.of().formatHex(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The code files, for showing with an approval request. */
    public List<Path> paths() {
        return List.copyOf(files.keySet());
    }
}
