package dev.parley.api.client;

import dev.parley.api.Endpoint;
import dev.parley.api.Endpoint.Auth;
import dev.parley.api.Endpoint.Method;

/**
 * {@code POST /_matrix/client/v3/rooms/{roomId}/report/{eventId}} — Client-Server API, "Reporting
 * content" ({@code reportEvent}). {@code score} was removed in v1.18; it is still accepted (and
 * stored) from older clients.
 */
public final class ReportEvent {
    public static final Endpoint ENDPOINT = Endpoint.client(Method.POST, "/v3/rooms/{roomId}/report/{eventId}", Auth.REQUIRED);

    public record Request(String reason, Integer score) {
    }

    private ReportEvent() {
    }
}
