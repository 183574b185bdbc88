package clay.fs.watch;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches a directory tree (inotify through {@link WatchService}), registering new subdirectories as they appear. Events
 * are debounced: a path is reported once it has been quiet for {@code quiet}, and all paths that settle together come
 * in one batch, so a move (delete + create) can be recognised and an editor's burst of writes is one change. An
 * overflow (too many events) is reported as a request to rescan. Hidden, backup and temp files are ignored.
 */
public final class TreeWatcher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TreeWatcher.class);

    /** Receives settled changes. {@code changed} exist now (files); {@code gone} do not (files or directories). */
    public interface Sink {
        void settled(List<Path> changed, List<Path> gone);

        void overflow();
    }

    /** Under a steady stream of events, a batch is flushed at the latest after this many quiet periods. */
    static final int MAX_WAIT_QUIETS = 20;

    private final Path root;
    private final WatchService service;
    private final Map<WatchKey, Path> keys = new HashMap<>();
    private final Map<Path, Long> pending = new LinkedHashMap<>();
    private final Sink sink;
    private final long quietNanos;
    private final Thread thread;
    private volatile boolean closed;

    public TreeWatcher(Path root, Duration quiet, Sink sink) throws IOException {
        this.root = root;
        this.sink = sink;
        this.quietNanos = quiet.toNanos();
        this.service = root.getFileSystem().newWatchService();
        registerTree(root);
        this.thread = Thread.ofPlatform().name("clayfs-watcher").daemon().start(this::loop);
    }

    public static boolean ignored(Path p) {
        String n = p.getFileName() == null ? "" : p.getFileName().toString();
        return n.startsWith(".") || n.endsWith("~") || n.endsWith(".tmp") || n.endsWith(".swp") || n.endsWith(".part")
                || n.endsWith(".crdownload");
    }

    private void registerTree(Path dir) throws IOException {
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
                if (!d.equals(root) && ignored(d)) return FileVisitResult.SKIP_SUBTREE;
                WatchKey k = d.register(service, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_DELETE,
                        StandardWatchEventKinds.ENTRY_MODIFY);
                synchronized (keys) {
                    keys.put(k, d);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException exc) {
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private void loop() {
        long pollMs = Math.max(20, quietNanos / 3_000_000);
        while (!closed) {
            try {
                WatchKey key = service.poll(pollMs, java.util.concurrent.TimeUnit.MILLISECONDS);
                if (key != null) handle(key);
                flushSettled();
            } catch (ClosedWatchServiceException | InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.warn("watcher error (continuing): {}", e.toString());
            }
        }
    }

    private void handle(WatchKey key) {
        Path dir;
        synchronized (keys) {
            dir = keys.get(key);
        }
        for (WatchEvent<?> ev : key.pollEvents()) {
            if (ev.kind() == StandardWatchEventKinds.OVERFLOW) {
                sink.overflow();
                continue;
            }
            if (dir == null) continue;
            Path p = dir.resolve((Path) ev.context());
            if (ignored(p)) continue;
            if (ev.kind() == StandardWatchEventKinds.ENTRY_CREATE && Files.isDirectory(p)) {
                try {
                    registerTree(p);
                    try (Stream<Path> s = Files.walk(p)) {
                        s.filter(Files::isRegularFile).filter(f -> !ignored(f)).forEach(this::touch);
                    }
                } catch (IOException e) {
                    log.debug("cannot watch new directory {}: {}", p, e.toString());
                }
            }
            touch(p);
        }
        if (!key.reset()) {
            synchronized (keys) {
                keys.remove(key);
            }
        }
    }

    private void touch(Path p) {
        synchronized (pending) {
            pending.remove(p);
            pending.put(p, System.nanoTime());
        }
    }

    private void flushSettled() {
        List<Path> changed = new ArrayList<>();
        List<Path> gone = new ArrayList<>();
        long now = System.nanoTime();
        synchronized (pending) {
            if (pending.isEmpty()) return;
            long newest = pending.values().stream().mapToLong(Long::longValue).max().orElse(now);
            long oldest = pending.values().stream().mapToLong(Long::longValue).min().orElse(now);
            if (now - newest < quietNanos && now - oldest < MAX_WAIT_QUIETS * quietNanos) return;
            for (Path p : pending.keySet()) {
                if (Files.isRegularFile(p)) changed.add(p);
                else if (!Files.exists(p)) gone.add(p);
            }
            pending.clear();
        }
        if (!changed.isEmpty() || !gone.isEmpty()) sink.settled(changed, gone);
    }

    @Override
    public void close() {
        closed = true;
        try {
            service.close();
            thread.join(2000);
        } catch (IOException | InterruptedException ignored) {
            // shutting down
        }
    }
}
