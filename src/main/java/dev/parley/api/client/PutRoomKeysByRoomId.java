package dev.parley.api.client;

import dev.parley.api.Endpoint;
import dev.parley.api.Endpoint.Auth;
import dev.parley.api.Endpoint.Method;

/**
 * {@code PUT /_matrix/client/v3/room_keys/keys/{roomId}} — Client-Server API, "Server-side key backups". Stores session keys of one room.
 */
public final class PutRoomKeysByRoomId {
    public static final Endpoint ENDPOINT = Endpoint.client(Method.PUT, "/v3/room_keys/keys/{roomId}", Auth.REQUIRED);

    private PutRoomKeysByRoomId() {
    }
}
