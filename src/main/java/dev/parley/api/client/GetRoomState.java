package dev.parley.api.client;

import dev.parley.api.Endpoint;
import dev.parley.api.Endpoint.Auth;
import dev.parley.api.Endpoint.Method;

/** {@code GET /_matrix/client/v3/rooms/{roomId}/state} — Client-Server API, "Getting events for a room". */
public final class GetRoomState {
    public static final Endpoint ENDPOINT = Endpoint.client(Method.GET, "/v3/rooms/{roomId}/state", Auth.REQUIRED).allowingGuests();

    private GetRoomState() {
    }
}
