package clay.runtime;

import clay.core.AtomicFiles;
import clay.core.ClayException;
import clay.core.ClayHome;
import clay.runtime.api.ApiServer;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.IntFunction;

/**
 * Picks the loopback TCP port of the canvas and {@code /v1}: the one asked for ({@code --port}, {@code runtime.port}),
 * else the port this home had last time if it is still free (the canvas's address stays put), else any free port. Two
 * users on one machine therefore never fight over a default, and a taken port that was asked for is named with its fix.
 */
final class ApiPort {
    private ApiPort() {}

    static ApiServer start(ClayHome home, Integer asked, JsonNode configured, IntFunction<ApiServer> server) {
        if (asked != null) return bindOrExplain(asked, "--port", server);
        if (configured.isIntegralNumber()) {
            int port = configured.asInt();
            if (port < 0 || port > 65535) {
                throw new ClayException("runtime.port = " + port + " is not a port", "set runtime.port to 0 (any free port) or 1024-65535");
            }
            return bindOrExplain(port, "runtime.port", server);
        }
        if (!configured.isMissingNode() && !configured.isNull()) {
            throw new ClayException("runtime.port must be a number, not " + configured, "write it as: port = 7433 (or 0 for any free port)");
        }
        Path last = home.runtime().resolve("port");
        ApiServer api = null;
        int previous = previous(last);
        if (previous > 0) {
            try {
                api = server.apply(previous);
            } catch (RuntimeException e) {
                if (!bindFailure(e)) throw e;
            }
        }
        if (api == null) api = server.apply(0);
        if (api.port() != previous) {
            try {
                AtomicFiles.writeString(last, Integer.toString(api.port()));
            } catch (IOException ignored) {
                // next time another free port; nothing depends on it
            }
        }
        return api;
    }

    /**
     * Fails at once, before any module starts, when the port that was asked for is taken: the user learns it in well
     * under a second instead of after a whole boot.
     */
    static void checkAskedPortFree(Integer asked, JsonNode configured) {
        int port = asked != null ? asked : configured.isIntegralNumber() ? configured.asInt() : 0;
        if (port <= 0 || port > 65535) return;
        String setting = asked != null ? "--port" : "runtime.port";
        bindOrExplain(port, setting, p -> {
            try (java.net.ServerSocket probe = new java.net.ServerSocket()) {
                probe.bind(new java.net.InetSocketAddress("127.0.0.1", p));
                return null;
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    private static int previous(Path file) {
        try {
            return Files.isRegularFile(file) ? Integer.parseInt(Files.readString(file).strip()) : 0;
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }

    private static ApiServer bindOrExplain(int port, String setting, IntFunction<ApiServer> server) {
        try {
            return server.apply(port);
        } catch (RuntimeException e) {
            if (!bindFailure(e)) throw e;
            throw new ClayException("port " + port + " (" + setting + ") is taken by another program, perhaps another user's Clay",
                    "pick another port, or leave it to Clay: clay config set runtime.port 0 (see who holds it: ss -ltnp 'sport = :" + port + "')", e);
        }
    }

    static boolean bindFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException || t.getClass().getSimpleName().contains("BindException")) return true;
        }
        return false;
    }
}
