package clay.runtime.api;

import clay.core.ClayException;
import io.javalin.http.HttpStatus;
import java.util.LinkedHashMap;
import java.util.Map;

/** The one place where errors become HTTP statuses and JSON bodies {@code {"error":{type,message,fix}}}. */
public final class ErrorBodies {
    private ErrorBodies() {}

    public static HttpStatus status(ClayException e) {
        if (e.retriable()) return HttpStatus.SERVICE_UNAVAILABLE;
        return switch (e.kind()) {
            case "invalid_input", "invalid_intent", "invalid_surface" -> HttpStatus.BAD_REQUEST;
            case "capability_denied", "forbidden" -> HttpStatus.FORBIDDEN;
            case "not_found" -> HttpStatus.NOT_FOUND;
            case "model_unavailable" -> HttpStatus.SERVICE_UNAVAILABLE;
            default -> HttpStatus.INTERNAL_SERVER_ERROR;
        };
    }

    public static Map<String, Object> body(String type, String message, String fix) {
        Map<String, Object> err = new LinkedHashMap<>();
        err.put("type", type);
        err.put("message", message);
        if (fix != null) err.put("fix", fix);
        return Map.of("error", err);
    }

    public static Map<String, Object> body(ClayException e) {
        return body(e.kind(), e.getMessage(), e.fix().orElse(null));
    }
}
