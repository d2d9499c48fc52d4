package dev.parley.http;

import dev.parley.core.error.ErrCode;
import dev.parley.core.error.MatrixException;
import dev.parley.core.json.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one place an error becomes a response body: {@code {"errcode", "error", ...extra}}.
 * Internal failures say only that something went wrong and which request it was, never why.
 */
public final class ErrorBodies {
    private ErrorBodies() {
    }

    public static byte[] of(MatrixException e) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (e.errCode().code() != null) {
            body.put("errcode", e.errCode().code());
            body.put("error", e.getMessage());
        }
        body.putAll(e.extra());
        try {
            return Json.MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException impossible) {
            return "{\"errcode\":\"M_UNKNOWN\",\"error\":\"\"}".getBytes(StandardCharsets.UTF_8);
        }
    }

    public static MatrixException internal(String requestId) {
        return new MatrixException(ErrCode.INTERNAL, "Internal server error (request " + requestId + ")");
    }

    /** The error for a status Jetty produced itself (a malformed request line, say). */
    public static MatrixException forStatus(int status, String message) {
        ErrCode code = switch (status) {
            case 404 -> ErrCode.UNRECOGNIZED;
            case 405 -> ErrCode.METHOD_NOT_ALLOWED;
            case 413 -> ErrCode.TOO_LARGE;
            default -> status >= 500 ? ErrCode.INTERNAL : ErrCode.UNKNOWN;
        };
        String text = message == null || message.isBlank() ? "Bad request" : message;
        return new MatrixException(code, status >= 500 ? "Internal server error" : text);
    }
}
