package dev.parley.api.client;

import dev.parley.api.Endpoint;
import dev.parley.api.Endpoint.Auth;
import dev.parley.api.Endpoint.Method;

/** {@code GET /_matrix/client/v3/rooms/{roomId}/state/{eventType}/{stateKey}} — Client-Server API, "Getting events for a room"; also served without {@code /{stateKey}} for the empty key. */
public final class GetRoomStateWithKey {
    public static final Endpoint ENDPOINT = Endpoint.client(Method.GET, "/v3/rooms/{roomId}/state/{eventType}/{stateKey}", Auth.REQUIRED).allowingGuests();

    public static final Endpoint EMPTY_KEY = Endpoint.client(Method.GET, "/v3/rooms/{roomId}/state/{eventType}", Auth.REQUIRED).allowingGuests();

    private GetRoomStateWithKey() {
    }
}
