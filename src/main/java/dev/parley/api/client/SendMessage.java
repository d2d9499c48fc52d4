package dev.parley.api.client;

import dev.parley.api.Endpoint;
import dev.parley.api.Endpoint.Auth;
import dev.parley.api.Endpoint.Method;

/** {@code PUT /_matrix/client/v3/rooms/{roomId}/send/{eventType}/{txnId}} — Client-Server API, "Sending events to a room". */
public final class SendMessage {
    public static final Endpoint ENDPOINT = Endpoint.client(Method.PUT, "/v3/rooms/{roomId}/send/{eventType}/{txnId}", Auth.REQUIRED).allowingGuests();

    public record Response(String eventId) {
    }

    private SendMessage() {
    }
}
