package clay.fs.find;

import clay.fs.FileRecord;
import java.util.List;

/**
 * One file a find returned.
 *
 * @param score the fused score (higher is better; comparable within one result only)
 * @param snippet the best matching chunk's text, shortened
 * @param why the reasons it ranks here: its BM25 and vector ranks and scores, and which filters it passed
 */
public record FindHit(int rank, FileRecord file, double score, String snippet, List<String> why) {}
