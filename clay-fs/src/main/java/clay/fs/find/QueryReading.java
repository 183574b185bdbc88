package clay.fs.find;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * How a find query was understood.
 *
 * @param text the words left to match by meaning and by terms (may be empty: then filters and recency decide)
 * @param docType a document type the query names ("bill"), applied as a filter
 * @param time when, applied to the activity log (and modification time)
 * @param activity which recorded activities count for {@code time}: {@code edited}, {@code opened}, {@code created}
 * @param notes human-readable account of each decision, shown by {@code --explain}
 */
public record QueryReading(String query, String text, Optional<String> docType, Optional<TimeSpan> time, Set<String> activity,
        List<String> notes) {}
