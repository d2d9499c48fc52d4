package dev.parley.api.client;

import dev.parley.api.Endpoint;
import dev.parley.api.Endpoint.Auth;
import dev.parley.api.Endpoint.Method;

/**
 * {@code DELETE /_matrix/client/v3/room_keys/keys/{roomId}/{sessionId}} — Client-Server API, "Server-side key backups". Deletes one session key.
 */
public final class DeleteRoomKeyBySessionId {
    public static final Endpoint ENDPOINT = Endpoint.client(Method.DELETE, "/v3/room_keys/keys/{roomId}/{sessionId}", Auth.REQUIRED);

    private DeleteRoomKeyBySessionId() {
    }
}
