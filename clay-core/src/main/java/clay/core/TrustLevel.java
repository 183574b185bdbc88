package clay.core;

/**
 * How far Clay trusts a piece of code, from most to least. AI-generated code always runs sandboxed; external code gets
 * maximum isolation (no files, no network).
 */
public enum TrustLevel {
    CORE,
    USER_APPROVED,
    AI_GENERATED,
    EXTERNAL;

    public boolean sandboxed() {
        return this == AI_GENERATED || this == EXTERNAL;
    }
}
