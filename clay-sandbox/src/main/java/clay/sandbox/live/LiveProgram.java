package clay.sandbox.live;

import clay.core.ClayException;
import clay.core.TrustLevel;
import clay.sandbox.Limits;
import clay.sandbox.Sandbox;
import clay.sandbox.Started;
import clay.sandbox.approval.Approver;
import clay.sandbox.manifest.Program;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A long-running program that restarts when its source file changes. Output lines go to one listener tagged with the
 * same surface id across restarts, so the canvas keeps the surface where it is and only its content changes. A change
 * is a new hash, so capabilities are approved again; a change that cannot start (refused, bad header) is reported on
 * the listener and the watch goes on.
 *
 * <pre>{@code
 * try (LiveProgram live = LiveProgram.start(sandbox, file, TrustLevel.AI_GENERATED, approver, "surface-7", limits, out::add)) { ... }
 * }</pre>
 */
public final class LiveProgram implements AutoCloseable {
    /**
     * One line of output.
     *
     * @param surfaceId the surface it belongs to, the same across restarts
     * @param generation which start produced it (1 for the first, +1 per restart)
     * @param line the text, or an error message when {@code error}
     * @param error whether the line reports a failed restart
     */
    public record Output(String surfaceId, int generation, String line, boolean error) {}

    private final Sandbox sandbox;
    private final Path file;
    private final TrustLevel trust;
    private final Approver approver;
    private final String surfaceId;
    private final Limits limits;
    private final Consumer<Output> out;
    private final WatchService watcher;
    private final Thread loop;
    private Started current;
    private String hash = "";
    private int generation;

    private LiveProgram(Sandbox sandbox, Path file, TrustLevel trust, Approver approver, String surfaceId, Limits limits,
            Consumer<Output> out) throws IOException {
        this.sandbox = sandbox;
        this.file = file.toAbsolutePath().normalize();
        this.trust = trust;
        this.approver = approver;
        this.surfaceId = Objects.requireNonNull(surfaceId);
        this.limits = limits;
        this.out = out;
        this.watcher = FileSystems.getDefault().newWatchService();
        this.file.getParent().register(watcher, StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_CREATE);
        restart();
        this.loop = Thread.ofVirtual().name("clay-live-" + surfaceId).start(this::watch);
    }

    public static LiveProgram start(Sandbox sandbox, Path file, TrustLevel trust, Approver approver, String surfaceId,
            Limits limits, Consumer<Output> out) {
        try {
            return new LiveProgram(sandbox, file, trust, approver, surfaceId, limits, out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot watch " + file, e);
        }
    }

    public String surfaceId() {
        return surfaceId;
    }

    public synchronized int generation() {
        return generation;
    }

    public synchronized String hash() {
        return hash;
    }

    private void watch() {
        while (true) {
            WatchKey key;
            try {
                key = watcher.take();
            } catch (InterruptedException | ClosedWatchServiceException e) {
                return;
            }
            boolean ours = key.pollEvents().stream().anyMatch(e -> file.getFileName().equals(e.context()));
            key.reset();
            if (!ours) continue;
            try {
                Thread.sleep(100); // let the editor finish writing
                while (true) { // drain the burst of events one save produces
                    WatchKey more = watcher.poll(50, TimeUnit.MILLISECONDS);
                    if (more == null) break;
                    more.pollEvents();
                    more.reset();
                }
            } catch (InterruptedException | ClosedWatchServiceException e) {
                return;
            }
            restart();
        }
    }

    private synchronized void restart() {
        Program p;
        try {
            p = Program.read(file);
        } catch (ClayException e) {
            out.accept(new Output(surfaceId, generation, e.getMessage(), true));
            return;
        }
        if (p.hash().equals(hash) && current != null && current.alive()) return;
        stopCurrent();
        int gen = generation + 1;
        try {
            current = sandbox.start(p, trust, approver, line -> out.accept(new Output(surfaceId, gen, line, false)), limits);
            hash = p.hash();
            generation = gen;
        } catch (ClayException e) {
            hash = p.hash();
            out.accept(new Output(surfaceId, generation, e.getMessage(), true));
        }
    }

    private void stopCurrent() {
        if (current != null) {
            current.stop();
            current.await();
            current = null;
        }
    }

    @Override
    public void close() {
        loop.interrupt();
        try {
            watcher.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        synchronized (this) {
            stopCurrent();
        }
    }
}
