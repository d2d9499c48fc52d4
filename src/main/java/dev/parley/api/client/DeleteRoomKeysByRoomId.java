package dev.parley.api.client;

import dev.parley.api.Endpoint;
import dev.parley.api.Endpoint.Auth;
import dev.parley.api.Endpoint.Method;

/**
 * {@code DELETE /_matrix/client/v3/room_keys/keys/{roomId}} — Client-Server API, "Server-side key backups". Deletes the session keys of one room.
 */
public final class DeleteRoomKeysByRoomId {
    public static final Endpoint ENDPOINT = Endpoint.client(Method.DELETE, "/v3/room_keys/keys/{roomId}", Auth.REQUIRED);

    private DeleteRoomKeysByRoomId() {
    }
}
