package clay.fs;

import java.time.Instant;

/**
 * One kept version of a file.
 *
 * @param seq 1-based, increasing, never reused for the same file
 * @param reason what made it: {@code add}, {@code write}, {@code watch}, {@code rescan}, {@code restore of v3}, {@code keep}
 * @param saves how many rapid saves were coalesced into this version (1 when none)
 */
public record VersionInfo(long fileId, int seq, String hash, long size, Instant created, String reason, int saves) {}
