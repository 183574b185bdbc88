package clay.runtime;

import java.time.LocalTime;
import java.util.Optional;

/** The boot greeting: by time of day and, when memory has one, a suggestion of what to continue. */
public final class Greeting {
    private Greeting() {}

    /** A suggestion source, provided as a service by the memory module ("Continue the HB302 letter?"). */
    @FunctionalInterface
    public interface Suggestions {
        Optional<String> next();
    }

    public static String compose(LocalTime time, Optional<String> suggestion) {
        int h = time.getHour();
        String hello = h >= 5 && h < 12 ? "Good morning." : h >= 12 && h < 18 ? "Good afternoon." : "Good evening.";
        return hello + " " + suggestion.map(String::strip).filter(s -> !s.isEmpty())
                .orElse("What would you like to work on?");
    }
}
