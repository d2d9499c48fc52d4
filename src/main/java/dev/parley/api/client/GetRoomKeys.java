package dev.parley.api.client;

import dev.parley.api.Endpoint;
import dev.parley.api.Endpoint.Auth;
import dev.parley.api.Endpoint.Method;

/**
 * {@code GET /_matrix/client/v3/room_keys/keys} — Client-Server API, "Server-side key backups". Every stored session key of a backup version.
 */
public final class GetRoomKeys {
    public static final Endpoint ENDPOINT = Endpoint.client(Method.GET, "/v3/room_keys/keys", Auth.REQUIRED);

    private GetRoomKeys() {
    }
}
