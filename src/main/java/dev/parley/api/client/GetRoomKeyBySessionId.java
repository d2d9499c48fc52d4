package dev.parley.api.client;

import dev.parley.api.Endpoint;
import dev.parley.api.Endpoint.Auth;
import dev.parley.api.Endpoint.Method;

/**
 * {@code GET /_matrix/client/v3/room_keys/keys/{roomId}/{sessionId}} — Client-Server API, "Server-side key backups". One stored session key.
 */
public final class GetRoomKeyBySessionId {
    public static final Endpoint ENDPOINT = Endpoint.client(Method.GET, "/v3/room_keys/keys/{roomId}/{sessionId}", Auth.REQUIRED);

    private GetRoomKeyBySessionId() {
    }
}
