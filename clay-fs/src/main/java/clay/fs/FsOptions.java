package clay.fs;

import clay.fs.find.IntelligenceTimeResolver;
import clay.fs.find.TimeResolver;
import clay.fs.index.Embedder;
import clay.intelligence.model.ModelProvider;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Settings of one {@link ClayFs}. Start from {@link #defaults()} and change what you need with the {@code with...}
 * methods; every value is checked here, with a message naming the setting.
 *
 * @param coalesce saves closer together than this (from the watcher or {@code write}) merge into one version
 * @param maxFileBytes files larger than this are recorded (name, size) but not versioned or read
 * @param maxTextChars extracted text beyond this is cut off (the file is marked truncated)
 * @param chunkTokens estimated word pieces per chunk (MiniLM reads 256)
 * @param neighbourThreshold cosine similarity above which two files count as semantic neighbours
 * @param ephemeralTtl default lifetime of generated content in {@code ephemeral/}
 * @param tagger a local model for tagging with constrained JSON; empty = deterministic tagging only
 * @param rescanOnOpen walk {@code persistent/} at open to catch changes made while Clay was down
 */
public record FsOptions(
        Duration coalesce,
        long maxFileBytes,
        int maxTextChars,
        int chunkTokens,
        double neighbourThreshold,
        Duration ephemeralTtl,
        RetentionPolicy retention,
        Embedder embedder,
        Optional<ModelProvider> tagger,
        TimeResolver time,
        Clock clock,
        boolean rescanOnOpen) {

    public FsOptions {
        if (coalesce.isNegative()) throw new IllegalArgumentException("coalesce must be >= 0");
        if (maxFileBytes < 1) throw new IllegalArgumentException("maxFileBytes must be >= 1, got " + maxFileBytes);
        if (maxTextChars < 1000) throw new IllegalArgumentException("maxTextChars must be >= 1000, got " + maxTextChars);
        if (chunkTokens < 32 || chunkTokens > 512) throw new IllegalArgumentException("chunkTokens must be in 32..512, got " + chunkTokens);
        if (neighbourThreshold <= 0 || neighbourThreshold >= 1) {
            throw new IllegalArgumentException("neighbourThreshold must be in (0,1), got " + neighbourThreshold);
        }
        if (ephemeralTtl.isNegative() || ephemeralTtl.isZero()) throw new IllegalArgumentException("ephemeralTtl must be > 0");
    }

    public static FsOptions defaults() {
        return new FsOptions(Duration.ofSeconds(5), 64L << 20, 2_000_000, 240, 0.55, Duration.ofDays(7),
                RetentionPolicy.defaults(), Embedder.defaults(), Optional.empty(), new IntelligenceTimeResolver(),
                Clock.systemDefaultZone(), true);
    }

    public FsOptions withCoalesce(Duration d) {
        return new FsOptions(d, maxFileBytes, maxTextChars, chunkTokens, neighbourThreshold, ephemeralTtl, retention, embedder, tagger, time, clock, rescanOnOpen);
    }

    public FsOptions withMaxFileBytes(long n) {
        return new FsOptions(coalesce, n, maxTextChars, chunkTokens, neighbourThreshold, ephemeralTtl, retention, embedder, tagger, time, clock, rescanOnOpen);
    }

    public FsOptions withRetention(RetentionPolicy r) {
        return new FsOptions(coalesce, maxFileBytes, maxTextChars, chunkTokens, neighbourThreshold, ephemeralTtl, r, embedder, tagger, time, clock, rescanOnOpen);
    }

    public FsOptions withEmbedder(Embedder e) {
        return new FsOptions(coalesce, maxFileBytes, maxTextChars, chunkTokens, neighbourThreshold, ephemeralTtl, retention, e, tagger, time, clock, rescanOnOpen);
    }

    public FsOptions withTagger(ModelProvider m) {
        return new FsOptions(coalesce, maxFileBytes, maxTextChars, chunkTokens, neighbourThreshold, ephemeralTtl, retention, embedder, Optional.of(m), time, clock, rescanOnOpen);
    }

    public FsOptions withTime(TimeResolver t) {
        return new FsOptions(coalesce, maxFileBytes, maxTextChars, chunkTokens, neighbourThreshold, ephemeralTtl, retention, embedder, tagger, t, clock, rescanOnOpen);
    }

    public FsOptions withClock(Clock c) {
        return new FsOptions(coalesce, maxFileBytes, maxTextChars, chunkTokens, neighbourThreshold, ephemeralTtl, retention, embedder, tagger, time, c, rescanOnOpen);
    }

    public FsOptions withRescanOnOpen(boolean b) {
        return new FsOptions(coalesce, maxFileBytes, maxTextChars, chunkTokens, neighbourThreshold, ephemeralTtl, retention, embedder, tagger, time, clock, b);
    }

    public FsOptions withEphemeralTtl(Duration d) {
        return new FsOptions(coalesce, maxFileBytes, maxTextChars, chunkTokens, neighbourThreshold, d, retention, embedder, tagger, time, clock, rescanOnOpen);
    }
}
