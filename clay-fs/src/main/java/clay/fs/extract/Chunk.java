package clay.fs.extract;

/** One piece of a file's text, sized for the embedding model. {@code index} counts from 0 in reading order. */
public record Chunk(int index, String text) {}
