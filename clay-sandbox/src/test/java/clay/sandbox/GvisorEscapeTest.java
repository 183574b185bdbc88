package clay.sandbox;

/** The escape suite against gVisor. */
class GvisorEscapeTest extends EscapeSuite {
    @Override
    BackendKind backend() {
        return BackendKind.GVISOR;
    }
}
