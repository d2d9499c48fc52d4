package dev.parley.api.client;

import dev.parley.api.Endpoint;
import dev.parley.api.Endpoint.Auth;
import dev.parley.api.Endpoint.Method;

/**
 * {@code DELETE /_matrix/client/v3/room_keys/version/{version}} — Client-Server API, "Server-side key backups". Deletes a version and its keys.
 */
public final class DeleteRoomKeysVersion {
    public static final Endpoint ENDPOINT = Endpoint.client(Method.DELETE, "/v3/room_keys/version/{version}", Auth.REQUIRED);

    private DeleteRoomKeysVersion() {
    }
}
