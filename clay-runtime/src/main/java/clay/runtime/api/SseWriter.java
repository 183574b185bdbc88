package clay.runtime.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Server-sent events on any method (Javalin's own SSE is GET-only): sets the headers, then writes and flushes one event
 * per call. {@link #closed()} turns true once the client has gone, which cancels the work behind the stream.
 */
public final class SseWriter {
    private final OutputStream out;
    private final ObjectMapper json;
    private volatile boolean closed;

    public SseWriter(Context ctx, ObjectMapper json) {
        ctx.status(200);
        ctx.res().setContentType("text/event-stream;charset=utf-8");
        ctx.res().setHeader("Cache-Control", "no-cache");
        ctx.res().setHeader("X-Accel-Buffering", "no");
        try {
            this.out = ctx.res().getOutputStream();
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.json = json;
    }

    /** Writes {@code event: name} (omitted when null) and {@code data: <json>}. */
    public synchronized void event(String name, Object data) {
        try {
            write((name == null ? "" : "event: " + name + "\n") + "data: " + json.writeValueAsString(data) + "\n\n");
        } catch (IOException e) {
            closed = true;
        }
    }

    /** Writes a raw {@code data:} line (for the OpenAI wire format's {@code [DONE]}). */
    public synchronized void raw(String data) {
        write("data: " + data + "\n\n");
    }

    private void write(String s) {
        if (closed) return;
        try {
            out.write(s.getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            closed = true;
        }
    }

    public boolean closed() {
        return closed;
    }
}
