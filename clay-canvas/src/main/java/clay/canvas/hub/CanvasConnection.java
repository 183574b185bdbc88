package clay.canvas.hub;

/**
 * One connected canvas (a browser tab's WebSocket, or a test's stand-in). Implementations must be safe to call from
 * any thread and must not block for long; when {@link #send} fails the hub forgets the connection.
 */
public interface CanvasConnection {

    /** Unique among open connections. */
    String id();

    /** Sends one text frame (a JSON message). */
    void send(String message) throws Exception;
}
