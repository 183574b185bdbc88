package clay.fs.index;

/** One chunk an index search found: {@code score} is BM25 for text searches and cosine similarity for vector ones. */
public record ChunkHit(String fileId, int chunk, float score, String text) {}
