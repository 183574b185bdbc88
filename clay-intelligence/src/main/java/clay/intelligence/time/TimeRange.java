package clay.intelligence.time;

import clay.core.InvalidInputException;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A half-open time range {@code [start, end)} in the user's zone, with the words it came from.
 *
 * @param start first instant inside the range
 * @param end first instant after the range
 * @param expression the text that was resolved ("last week")
 */
public record TimeRange(ZonedDateTime start, ZonedDateTime end, String expression) {
    public TimeRange {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (!end.isAfter(start)) {
            throw new InvalidInputException("time range " + start + " .. " + end + " is empty", "the end must be after the start");
        }
        expression = expression == null ? "" : expression;
    }

    public boolean contains(ZonedDateTime t) {
        return !t.isBefore(start) && t.isBefore(end);
    }

    /** The intent-parameter form: {@code {"start":ISO,"end":ISO,"expression":words}}. */
    public Map<String, Object> toParameter() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("start", start.toOffsetDateTime().toString());
        m.put("end", end.toOffsetDateTime().toString());
        m.put("expression", expression);
        return m;
    }
}
