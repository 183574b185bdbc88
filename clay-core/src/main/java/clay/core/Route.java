package clay.core;

/**
 * Where a request is thought about, with the reason the router chose it. A closed set, so a {@code switch} over it is
 * exhaustive.
 */
public sealed interface Route {
    /** Why this route was chosen, in words a user can read. */
    String reason();

    /** A short stable name: {@code LOCAL}, {@code CLOUD}, {@code HYBRID}, {@code LOCAL_THEN_ESCALATE}, {@code NONE}. */
    String name();

    /** Answered without any model (offline skills: time, status, settings, help). */
    record None(String reason) implements Route {
        public String name() { return "NONE"; }
    }

    /** The local model only. */
    record Local(String reason) implements Route {
        public String name() { return "LOCAL"; }
    }

    /** A cloud model, through the cloud proxy. */
    record Cloud(String reason) implements Route {
        public String name() { return "CLOUD"; }
    }

    /** A local draft polished by a cloud model. */
    record Hybrid(String reason) implements Route {
        public String name() { return "HYBRID"; }
    }

    /** The local model first; the result is checked and only a failed check goes to the cloud. */
    record LocalThenEscalate(String reason) implements Route {
        public String name() { return "LOCAL_THEN_ESCALATE"; }
    }
}
