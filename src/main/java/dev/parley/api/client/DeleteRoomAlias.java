package dev.parley.api.client;

import dev.parley.api.Endpoint;
import dev.parley.api.Endpoint.Auth;
import dev.parley.api.Endpoint.Method;

/** {@code DELETE /_matrix/client/v3/directory/room/{roomAlias}} — Client-Server API, "Room aliases" (operation deleteRoomAlias). */
public final class DeleteRoomAlias {
    public static final Endpoint ENDPOINT = Endpoint.client(Method.DELETE, "/v3/directory/room/{roomAlias}", Auth.REQUIRED);

    private DeleteRoomAlias() {
    }
}
