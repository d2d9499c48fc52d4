package dev.parley.api.client;

import dev.parley.api.Endpoint;
import dev.parley.api.Endpoint.Auth;
import dev.parley.api.Endpoint.Method;

/** {@code POST /_matrix/client/v3/rooms/{roomId}/join} — Client-Server API, "Joining rooms". */
public final class JoinRoomById {
    public static final Endpoint ENDPOINT = Endpoint.client(Method.POST, "/v3/rooms/{roomId}/join", Auth.REQUIRED).allowingGuests();

    public record Request(String reason) {
    }

    public record Response(String roomId) {
    }

    private JoinRoomById() {
    }
}
