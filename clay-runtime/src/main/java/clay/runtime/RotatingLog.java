package clay.runtime;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The daemon's log file with size-based rotation: {@code clay.log} grows to {@code maxBytes}, then becomes
 * {@code clay.log.1} (older ones shift up to {@code clay.log.KEEP}; the oldest is dropped). Files are owner-only. The
 * daemon sends its standard output and error here, which is where its logging backend (slf4j-simple) writes.
 *
 * <pre>{@code
 * RotatingLog.redirectStandardStreams(home.runtime().resolve("clay.log"), RotatingLog.MAX_BYTES, RotatingLog.KEEP);
 * }</pre>
 */
public final class RotatingLog extends OutputStream {
    public static final long MAX_BYTES = 10L * 1024 * 1024;
    public static final int KEEP = 3;

    private final Path file;
    private final long maxBytes;
    private final int keep;
    private OutputStream out;
    private long size;

    public RotatingLog(Path file, long maxBytes, int keep) {
        if (maxBytes < 1024) throw new IllegalArgumentException("maxBytes must be at least 1024, was " + maxBytes);
        if (keep < 1) throw new IllegalArgumentException("keep must be at least 1, was " + keep);
        this.file = file;
        this.maxBytes = maxBytes;
        this.keep = keep;
        try {
            open();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the log " + file, e);
        }
    }

    /** Sends {@code System.out} and {@code System.err} to a rotating log at {@code file}. */
    public static void redirectStandardStreams(Path file, long maxBytes, int keep) {
        PrintStream stream = new PrintStream(new RotatingLog(file, maxBytes, keep), true, StandardCharsets.UTF_8);
        System.setOut(stream);
        System.setErr(stream);
    }

    private void open() throws IOException {
        Files.createDirectories(file.getParent());
        if (!Files.exists(file)) Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        out = Files.newOutputStream(file, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        size = Files.size(file);
    }

    private void rotate() throws IOException {
        out.close();
        Files.deleteIfExists(numbered(keep));
        for (int i = keep - 1; i >= 1; i--) {
            if (Files.exists(numbered(i))) Files.move(numbered(i), numbered(i + 1), StandardCopyOption.REPLACE_EXISTING);
        }
        Files.move(file, numbered(1), StandardCopyOption.REPLACE_EXISTING);
        open();
    }

    private Path numbered(int i) {
        return file.resolveSibling(file.getFileName() + "." + i);
    }

    @Override
    public synchronized void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws IOException {
        if (size > 0 && size + len > maxBytes) rotate();
        // one write larger than the whole file is cut to it: a single huge line must not defeat the cap
        int n = (int) Math.min(len, maxBytes);
        out.write(b, off, n);
        size += n;
    }

    @Override
    public synchronized void flush() throws IOException {
        out.flush();
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }
}
