package clay.sandbox.net;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The bits of HTTP/1.1 that the sandbox's small unix-socket servers (the egress proxy, the broker) share: reading a
 * request head with a size cap, its body length, and writing a whole one-shot response.
 */
public final class HttpHeads {
    /** Request heads larger than this are refused. */
    public static final int MAX_HEAD = 16 * 1024;

    private HttpHeads() {}

    /** Reads up to and including the blank line; null when the stream ends first or the head exceeds {@link #MAX_HEAD}. */
    public static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c, state = 0;
        while ((c = in.read()) >= 0) {
            b.write(c);
            if (b.size() > MAX_HEAD) return null;
            state = switch (state) {
                case 0 -> c == '\r' ? 1 : 0;
                case 1 -> c == '\n' ? 2 : c == '\r' ? 1 : 0;
                case 2 -> c == '\r' ? 3 : 0;
                case 3 -> c == '\n' ? 4 : 0;
                default -> 0;
            };
            if (state == 4) return b.toString(StandardCharsets.ISO_8859_1);
        }
        return null;
    }

    /** The body length a head announces: 0 when none, -1 for a chunked body; throws on a malformed length. */
    public static long contentLength(String head) {
        long length = 0;
        for (String line : head.split("\r\n")) {
            String l = line.toLowerCase(Locale.ROOT);
            if (l.startsWith("transfer-encoding:") && l.contains("chunked")) return -1;
            if (l.startsWith("content-length:")) length = Long.parseLong(line.substring(15).strip());
        }
        return length;
    }

    /** Writes a complete response and flushes; the connection closes after it. */
    public static void reply(OutputStream out, int status, String contentType, byte[] body) throws IOException {
        String reason = switch (status) {
            case 200 -> "OK";
            case 400 -> "Bad Request";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 413 -> "Content Too Large";
            default -> "Bad Gateway";
        };
        out.write(("HTTP/1.1 " + status + " " + reason + "\r\nContent-Type: " + contentType + "\r\nContent-Length: "
                + body.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        out.flush();
    }
}
