package clay.runtime;

import clay.core.ClayException;
import clay.core.ClayHome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One runtime per home: an exclusive lock on {@code runtime/runtime.lock}, held for the runtime's life and released by
 * the OS when the process dies however it dies, so a second runtime on the same home is refused at once, by name.
 */
final class RuntimeLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private RuntimeLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static RuntimeLock acquire(ClayHome home) {
        Path file = home.runtime().resolve("runtime.lock");
        FileChannel ch = null;
        try {
            ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null; // this very process already runs a runtime on the home
            }
            if (lock == null) {
                String holder = Files.readString(file, StandardCharsets.UTF_8).strip();
                ch.close();
                throw new ClayException("a Clay runtime already runs on " + home.root()
                        + (holder.isEmpty() ? "" : " (pid " + holder + ")"),
                        "use it (clay runtime status), or stop it first: clay runtime stop");
            }
            ch.truncate(0);
            ch.write(ByteBuffer.wrap(Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8)), 0);
            return new RuntimeLock(ch, lock);
        } catch (IOException e) {
            if (ch != null) {
                try {
                    ch.close();
                } catch (IOException ignored) {
                    // reporting the first failure
                }
            }
            throw new UncheckedIOException("cannot lock " + file, e);
        }
    }

    @Override
    public void close() {
        try {
            if (lock.isValid()) lock.release();
            channel.close();
        } catch (IOException ignored) {
            // the OS releases the lock with the file anyway
        }
    }
}
