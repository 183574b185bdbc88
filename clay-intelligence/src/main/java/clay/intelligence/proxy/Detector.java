package clay.intelligence.proxy;

import java.util.List;

/** Finds personal data in a text. Implementations must return spans that lie inside the text; overlaps are allowed. */
public interface Detector {
    List<Span> detect(String text);
}
