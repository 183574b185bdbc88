package clay.sandbox.enforce;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Applies an untrusted write-grant archive to its host directory. Every step goes through directory descriptors
 * opened from {@code /} one component at a time without following symlinks ({@code openat} with {@code O_NOFOLLOW},
 * via {@link SecureDirectoryStream}), so a symlink anywhere, in the grant's own path or planted inside it, is never
 * followed. Symlink entries are never created: they are dropped and reported. Files are written to a fresh temporary
 * name and renamed over the target, so a hard link on the host is replaced, not written through. What the archive
 * does not name is deleted (the program removed it); host symlinks the archive keeps are left as they are.
 */
final class CopyBack {
    private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;
    private static final Set<OpenOption> CREATE_NEW = Set.of(StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW, NOFOLLOW);

    private CopyBack() {}

    /**
     * The entries of a whole-sandbox archive (names relative to {@code /}) that lie in {@code root}, renamed relative
     * to it. Grants never nest, so each entry belongs to one grant at most; names with {@code ..} or outside every
     * grant belong to none.
     */
    static List<WriteGrants.Entry> entriesOf(Path root, List<Path> grants, List<WriteGrants.Entry> entries) {
        List<WriteGrants.Entry> out = new ArrayList<>();
        for (WriteGrants.Entry e : entries) {
            Path raw = Path.of(e.name());
            boolean climbs = false;
            for (Path part : raw) climbs |= part.toString().equals("..");
            if (climbs) continue;
            Path abs = Path.of("/").resolve(raw).normalize();
            if (!abs.startsWith(root)) continue;
            if (grants.stream().anyMatch(g -> !g.equals(root) && g.startsWith(root) && abs.startsWith(g))) continue;
            out.add(new WriteGrants.Entry(root.relativize(abs).toString(), e.type(), e.data(), e.link()));
        }
        return out;
    }

    /**
     * Makes {@code root} hold exactly {@code entries} (names relative to root). Entries that are symlinks, absolute,
     * or climb out are not applied; each is named in {@code dropped}.
     */
    static void sync(Path root, List<WriteGrants.Entry> entries, List<String> dropped) throws IOException {
        if (!root.isAbsolute() || !root.normalize().equals(root)) throw new IOException("not a normalized absolute path: " + root);
        try (SecureDirectoryStream<Path> top = openRoot(root)) {
            Set<Path> keep = new HashSet<>();
            for (WriteGrants.Entry e : entries) {
                Path rel = Path.of(e.name()).normalize();
                if (rel.isAbsolute() || rel.startsWith("..")) {
                    dropped.add("write " + root + "/" + e.name() + " (outside the grant, not copied back)");
                    continue;
                }
                if (rel.toString().isEmpty()) continue;
                for (Path q = rel; q != null; q = q.getParent()) keep.add(q);
                if (e.type() == '2') {
                    dropped.add("write " + root.resolve(rel) + " (symlink, not copied back)");
                    continue;
                }
                apply(top, root, rel, e);
            }
            prune(top, root, Path.of(""), keep);
        }
    }

    private static void apply(SecureDirectoryStream<Path> top, Path root, Path rel, WriteGrants.Entry e) throws IOException {
        List<SecureDirectoryStream<Path>> open = new ArrayList<>();
        try {
            SecureDirectoryStream<Path> dir = top;
            Path at = root;
            for (int i = 0; i < rel.getNameCount() - 1; i++) {
                String name = rel.getName(i).toString();
                dir = directory(dir, at, name);
                open.add(dir);
                at = at.resolve(name);
            }
            String leaf = rel.getFileName().toString();
            if (e.type() == '5') {
                open.add(directory(dir, at, leaf));
            } else {
                writeFile(dir, at, leaf, e.data());
            }
        } finally {
            for (SecureDirectoryStream<Path> d : open) d.close();
        }
    }

    /** Opens {@code /} and walks down to {@code root}, never following a symlink; root must be a real directory. */
    private static SecureDirectoryStream<Path> openRoot(Path root) throws IOException {
        SecureDirectoryStream<Path> dir = secure(Files.newDirectoryStream(Path.of("/")));
        for (Path part : root) {
            try (SecureDirectoryStream<Path> parent = dir) {
                dir = parent.newDirectoryStream(Path.of(part.toString()), NOFOLLOW);
            } catch (FileSystemException e) {
                throw new IOException(root + " is not a real directory (a symlink in it?): " + e.getMessage(), e);
            }
        }
        return dir;
    }

    /** The directory {@code name} in {@code parent}; whatever else is there (a file, a symlink) is replaced by one. */
    private static SecureDirectoryStream<Path> directory(SecureDirectoryStream<Path> parent, Path parentPath, String name)
            throws IOException {
        Path n = Path.of(name);
        Optional<BasicFileAttributes> a = attributes(parent, n);
        if (a.isPresent() && !a.get().isDirectory()) {
            parent.deleteFile(n);
            a = Optional.empty();
        }
        if (a.isEmpty()) {
            // Java has no mkdirat: re-check that the path still names the directory we hold, then create by path
            if (!parentPath.toRealPath().equals(parentPath)) throw new IOException(parentPath + " changed into a symlink");
            Files.createDirectory(parentPath.resolve(name));
        }
        return parent.newDirectoryStream(n, NOFOLLOW);
    }

    private static void writeFile(SecureDirectoryStream<Path> dir, Path dirPath, String name, byte[] data) throws IOException {
        Path n = Path.of(name);
        Optional<BasicFileAttributes> a = attributes(dir, n);
        if (a.isPresent() && a.get().isRegularFile() && a.get().size() == data.length) {
            try (SeekableByteChannel c = dir.newByteChannel(n, Set.of(StandardOpenOption.READ, NOFOLLOW))) {
                ByteBuffer b = ByteBuffer.allocate(data.length);
                while (b.hasRemaining() && c.read(b) >= 0) { }
                if (Arrays.equals(b.array(), data)) return;
            }
        }
        if (a.isPresent() && a.get().isDirectory()) deleteTree(dir, n);
        Path tmp = Path.of(".clay-copy-" + UUID.randomUUID());
        try (SeekableByteChannel c = dir.newByteChannel(tmp, CREATE_NEW)) {
            ByteBuffer b = ByteBuffer.wrap(data);
            while (b.hasRemaining()) c.write(b);
        }
        try {
            dir.move(tmp, dir, n); // renameat: replaces a file or a symlink itself, never what a link points to
        } catch (IOException ex) {
            dir.deleteFile(tmp);
            throw new IOException("cannot write " + dirPath.resolve(name) + ": " + ex.getMessage(), ex);
        }
    }

    /** Deletes what {@code keep} does not name, below {@code dir} (which is {@code rel} under the grant root). */
    private static void prune(SecureDirectoryStream<Path> dir, Path root, Path rel, Set<Path> keep) throws IOException {
        List<Path> names = new ArrayList<>();
        for (Path p : dir) names.add(p.getFileName());
        for (Path n : names) {
            Path child = rel.resolve(n.toString());
            Optional<BasicFileAttributes> a = attributes(dir, n);
            if (a.isEmpty()) continue;
            if (!keep.contains(child)) {
                if (a.get().isDirectory()) deleteTree(dir, n);
                else dir.deleteFile(n);
            } else if (a.get().isDirectory()) {
                try (SecureDirectoryStream<Path> sub = dir.newDirectoryStream(n, NOFOLLOW)) {
                    prune(sub, root, child, keep);
                }
            }
        }
    }

    private static void deleteTree(SecureDirectoryStream<Path> parent, Path name) throws IOException {
        try (SecureDirectoryStream<Path> d = parent.newDirectoryStream(name, NOFOLLOW)) {
            List<Path> names = new ArrayList<>();
            for (Path p : d) names.add(p.getFileName());
            for (Path n : names) {
                Optional<BasicFileAttributes> a = attributes(d, n);
                if (a.isPresent() && a.get().isDirectory()) deleteTree(d, n);
                else if (a.isPresent()) d.deleteFile(n);
            }
        }
        parent.deleteDirectory(name);
    }

    private static Optional<BasicFileAttributes> attributes(SecureDirectoryStream<Path> dir, Path name) throws IOException {
        try {
            return Optional.of(dir.getFileAttributeView(name, BasicFileAttributeView.class, NOFOLLOW).readAttributes());
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    private static SecureDirectoryStream<Path> secure(DirectoryStream<Path> s) throws IOException {
        if (s instanceof SecureDirectoryStream<Path> sds) return sds;
        s.close();
        throw new IOException("this platform cannot open directories without following symlinks; write grants are not copied back");
    }
}
