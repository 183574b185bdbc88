package clay.sandbox;

/** The escape suite against bubblewrap. */
class BubblewrapEscapeTest extends EscapeSuite {
    @Override
    BackendKind backend() {
        return BackendKind.BUBBLEWRAP;
    }
}
