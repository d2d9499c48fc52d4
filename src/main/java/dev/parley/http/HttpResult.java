package dev.parley.http;

import java.util.Map;

/**
 * A response other than "200 with this JSON body": another status, raw bytes, or extra headers.
 *
 * @param body a record or tree to send as JSON, or {@code byte[]} sent as {@code contentType}
 */
public record HttpResult(int status, Object body, String contentType, Map<String, String> headers) {
    public static HttpResult json(int status, Object body) {
        return new HttpResult(status, body, "application/json", Map.of());
    }

    public static HttpResult bytes(int status, byte[] body, String contentType) {
        return new HttpResult(status, body, contentType, Map.of());
    }
}
