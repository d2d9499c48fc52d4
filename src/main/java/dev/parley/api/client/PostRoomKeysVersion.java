package dev.parley.api.client;

import dev.parley.api.Endpoint;
import dev.parley.api.Endpoint.Auth;
import dev.parley.api.Endpoint.Method;

/**
 * {@code POST /_matrix/client/v3/room_keys/version} — Client-Server API, "Server-side key backups". Creates a backup version.
 */
public final class PostRoomKeysVersion {
    public static final Endpoint ENDPOINT = Endpoint.client(Method.POST, "/v3/room_keys/version", Auth.REQUIRED);

    private PostRoomKeysVersion() {
    }
}
