package dev.parley.api.client;

import dev.parley.api.Endpoint;
import dev.parley.api.Endpoint.Auth;
import dev.parley.api.Endpoint.Method;

/**
 * {@code GET /_matrix/client/v3/room_keys/keys/{roomId}} — Client-Server API, "Server-side key backups". The stored session keys of one room.
 */
public final class GetRoomKeysByRoomId {
    public static final Endpoint ENDPOINT = Endpoint.client(Method.GET, "/v3/room_keys/keys/{roomId}", Auth.REQUIRED);

    private GetRoomKeysByRoomId() {
    }
}
