package dev.parley.api.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.api.Endpoint;
import dev.parley.api.Endpoint.Auth;
import dev.parley.api.Endpoint.Method;

/**
 * {@code POST /_matrix/client/v3/rooms/{roomId}/report/{eventId}} — Client-Server API, "Reporting
 * content" ({@code reportEvent}). {@code score} was removed from the request in v1.18 (MSC4277):
 * what an older client still sends is kept for the admins' report list when it is what v1.17
 * allowed (an integer from -100 to 0), and otherwise ignored like any unknown field.
 */
public final class ReportEvent {
    public static final Endpoint ENDPOINT = Endpoint.client(Method.POST, "/v3/rooms/{roomId}/report/{eventId}", Auth.REQUIRED);

    public record Request(String reason, JsonNode score) {
    }

    private ReportEvent() {
    }
}
