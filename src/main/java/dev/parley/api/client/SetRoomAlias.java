package dev.parley.api.client;

import dev.parley.api.Endpoint;
import dev.parley.api.Endpoint.Auth;
import dev.parley.api.Endpoint.Method;

/** {@code PUT /_matrix/client/v3/directory/room/{roomAlias}} — Client-Server API, "Room aliases" (operation setRoomAlias). */
public final class SetRoomAlias {
    public static final Endpoint ENDPOINT = Endpoint.client(Method.PUT, "/v3/directory/room/{roomAlias}", Auth.REQUIRED);

    public record Request(String roomId) {
    }

    private SetRoomAlias() {
    }
}
