package clay.sandbox;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * How many sandboxed runs may be alive at once. Each run may hold its memory limit, so the cap bounds what programs
 * can take from the machine together. A run that finds every slot busy waits (its caller is told it is "waiting for a
 * free sandbox slot") for up to the policy's wait, then is refused with {@link SandboxBusyException}.
 */
final class RunSlots {
    private static final System.Logger LOG = System.getLogger(RunSlots.class.getName());

    private final int capacity;
    private final Duration maxWait;
    private final Semaphore free;
    private final AtomicInteger waiting = new AtomicInteger();

    RunSlots(int capacity, Duration maxWait) {
        this.capacity = capacity;
        this.maxWait = maxWait;
        this.free = new Semaphore(capacity, true);
    }

    /** Takes a slot, waiting up to the policy's wait; {@code status} hears about the wait when there is one. */
    void acquire(String program, Consumer<String> status) {
        if (free.tryAcquire()) return;
        String msg = "waiting for a free sandbox slot (" + capacity + " of " + capacity + " busy)";
        LOG.log(System.Logger.Level.INFO, program + ": " + msg);
        status.accept(msg);
        waiting.incrementAndGet();
        try {
            if (!free.tryAcquire(maxWait.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new SandboxBusyException(program, capacity, maxWait);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SandboxBusyException(program, capacity, Duration.ZERO);
        } finally {
            waiting.decrementAndGet();
        }
    }

    void release() {
        free.release();
    }

    int capacity() {
        return capacity;
    }

    int busy() {
        return capacity - free.availablePermits();
    }

    int waiting() {
        return waiting.get();
    }
}
