package dev.parley.api.client;

import dev.parley.api.Endpoint;
import dev.parley.api.Endpoint.Auth;
import dev.parley.api.Endpoint.Method;

/**
 * {@code GET /_matrix/client/v3/room_keys/version} — Client-Server API, "Server-side key backups". The current backup version.
 */
public final class GetRoomKeysVersionCurrent {
    public static final Endpoint ENDPOINT = Endpoint.client(Method.GET, "/v3/room_keys/version", Auth.REQUIRED);

    private GetRoomKeysVersionCurrent() {
    }
}
