package clay.fs.relate;

/**
 * One connection of a file to another.
 *
 * @param kind {@code references}, {@code referenced-by}, {@code shared-identifier}, {@code similar}, {@code provenance},
 *     {@code co-activity}
 * @param reason a sentence a user understands ("both mention INV-2041")
 * @param weight strength in [0, 1] (1 for explicit links)
 */
public record Relation(long fileId, String path, String kind, String reason, double weight) {}
