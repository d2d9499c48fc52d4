package dev.parley.api.client;

import dev.parley.api.Endpoint;
import dev.parley.api.Endpoint.Auth;
import dev.parley.api.Endpoint.Method;

/** {@code POST /_matrix/client/v3/rooms/{roomId}/leave} — Client-Server API, "Leaving rooms". */
public final class LeaveRoom {
    public static final Endpoint ENDPOINT = Endpoint.client(Method.POST, "/v3/rooms/{roomId}/leave", Auth.REQUIRED).allowingGuests();

    private LeaveRoom() {
    }
}
