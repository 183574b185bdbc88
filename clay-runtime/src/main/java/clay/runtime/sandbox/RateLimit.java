package clay.runtime.sandbox;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** A token bucket per key: up to {@code burst} at once, then one per {@code every}. Thread-safe. */
final class RateLimit {
    private static final int MAX_KEYS = 1024;
    private final int burst;
    private final long everyNanos;
    private final Map<String, long[]> buckets = new HashMap<>(); // key -> {tokens, last refill nanos}

    RateLimit(int burst, Duration every) {
        this.burst = burst;
        this.everyNanos = every.toNanos();
    }

    synchronized boolean allow(String key) {
        long now = System.nanoTime();
        if (buckets.size() >= MAX_KEYS && !buckets.containsKey(key)) buckets.clear(); // many one-off keys: start afresh
        long[] b = buckets.computeIfAbsent(key, k -> new long[] {burst, now});
        long refill = (now - b[1]) / everyNanos;
        if (refill > 0) {
            b[0] = Math.min(burst, b[0] + refill);
            b[1] += refill * everyNanos;
        }
        if (b[0] == 0) return false;
        b[0]--;
        return true;
    }
}
