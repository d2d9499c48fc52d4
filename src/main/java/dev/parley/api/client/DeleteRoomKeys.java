package dev.parley.api.client;

import dev.parley.api.Endpoint;
import dev.parley.api.Endpoint.Auth;
import dev.parley.api.Endpoint.Method;

/**
 * {@code DELETE /_matrix/client/v3/room_keys/keys} — Client-Server API, "Server-side key backups". Deletes every session key of a backup version.
 */
public final class DeleteRoomKeys {
    public static final Endpoint ENDPOINT = Endpoint.client(Method.DELETE, "/v3/room_keys/keys", Auth.REQUIRED);

    private DeleteRoomKeys() {
    }
}
