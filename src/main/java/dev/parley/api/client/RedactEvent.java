package dev.parley.api.client;

import dev.parley.api.Endpoint;
import dev.parley.api.Endpoint.Auth;
import dev.parley.api.Endpoint.Method;

/** {@code PUT /_matrix/client/v3/rooms/{roomId}/redact/{eventId}/{txnId}} — Client-Server API, "Redactions" ({@code redactEvent}). */
public final class RedactEvent {
    public static final Endpoint ENDPOINT = Endpoint.client(Method.PUT, "/v3/rooms/{roomId}/redact/{eventId}/{txnId}", Auth.REQUIRED);

    public record Request(String reason) {
    }

    public record Response(String eventId) {
    }

    private RedactEvent() {
    }
}
