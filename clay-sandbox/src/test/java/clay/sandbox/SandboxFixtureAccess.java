package clay.sandbox;

/** Lets tests in sub-packages skip loudly like the fixture does. */
public final class SandboxFixtureAccess {
    private SandboxFixtureAccess() {}

    public static void requireBubblewrap() {
        SandboxFixture.requireBackend(BackendKind.BUBBLEWRAP);
    }
}
