package dev.parley.api.client;

import dev.parley.api.Endpoint;
import dev.parley.api.Endpoint.Auth;
import dev.parley.api.Endpoint.Method;

/**
 * {@code PUT /_matrix/client/v3/room_keys/keys} — Client-Server API, "Server-side key backups". Stores session keys of several rooms in the {@code version} query parameter's backup.
 */
public final class PutRoomKeys {
    public static final Endpoint ENDPOINT = Endpoint.client(Method.PUT, "/v3/room_keys/keys", Auth.REQUIRED);

    private PutRoomKeys() {
    }
}
