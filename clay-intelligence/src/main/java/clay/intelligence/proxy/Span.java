package clay.intelligence.proxy;

import java.util.Objects;

/**
 * A piece of personal data found in a text: characters {@code [start, end)} holding {@code value} of class {@code type}.
 *
 * @param start first character
 * @param end one past the last character
 * @param type what kind of data it is
 * @param value the text itself (equal to {@code text.substring(start, end)})
 */
public record Span(int start, int end, DataClass type, String value) {
    public Span {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(value, "value");
        if (start < 0 || end <= start) throw new IllegalArgumentException("bad span " + start + ".." + end);
    }

    static Span of(String text, int start, int end, DataClass type) {
        return new Span(start, end, type, text.substring(start, end));
    }

    public int length() {
        return end - start;
    }

    boolean overlaps(Span o) {
        return start < o.end && o.start < end;
    }
}
