package dev.parley.api.client;

import dev.parley.api.Endpoint;
import dev.parley.api.Endpoint.Auth;
import dev.parley.api.Endpoint.Method;

/**
 * {@code PUT /_matrix/client/v3/room_keys/version/{version}} — Client-Server API, "Server-side key backups". Replaces a version's {@code auth_data}.
 */
public final class PutRoomKeysVersion {
    public static final Endpoint ENDPOINT = Endpoint.client(Method.PUT, "/v3/room_keys/version/{version}", Auth.REQUIRED);

    private PutRoomKeysVersion() {
    }
}
