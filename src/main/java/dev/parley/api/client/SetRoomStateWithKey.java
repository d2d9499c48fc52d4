package dev.parley.api.client;

import dev.parley.api.Endpoint;
import dev.parley.api.Endpoint.Auth;
import dev.parley.api.Endpoint.Method;

/** {@code PUT /_matrix/client/v3/rooms/{roomId}/state/{eventType}/{stateKey}} — Client-Server API, "Sending events to a room"; also served without {@code /{stateKey}} for the empty key. */
public final class SetRoomStateWithKey {
    public static final Endpoint ENDPOINT = Endpoint.client(Method.PUT, "/v3/rooms/{roomId}/state/{eventType}/{stateKey}", Auth.REQUIRED).allowingGuests();

    public static final Endpoint EMPTY_KEY = Endpoint.client(Method.PUT, "/v3/rooms/{roomId}/state/{eventType}", Auth.REQUIRED);

    public record Response(String eventId) {
    }

    private SetRoomStateWithKey() {
    }
}
