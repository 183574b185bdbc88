package clay.fs;

import java.time.Duration;

/**
 * Which old versions {@link ClayFs#prune()} keeps. Every version younger than {@code keepAll} is kept; older ones are
 * thinned to one per day until {@code daily}, then one per week; the current version and the newest
 * {@code minVersions} are always kept.
 */
public record RetentionPolicy(Duration keepAll, Duration daily, int minVersions) {
    public RetentionPolicy {
        if (keepAll.isNegative() || daily.isNegative()) throw new IllegalArgumentException("retention durations must be >= 0");
        if (minVersions < 1) throw new IllegalArgumentException("retention minVersions must be >= 1, got " + minVersions);
    }

    public static RetentionPolicy defaults() {
        return new RetentionPolicy(Duration.ofDays(7), Duration.ofDays(90), 10);
    }
}
