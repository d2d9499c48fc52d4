package dev.parley.api.client;

import dev.parley.api.Endpoint;
import dev.parley.api.Endpoint.Auth;
import dev.parley.api.Endpoint.Method;

/**
 * {@code GET /_matrix/client/v1/admin/lock/{userId}} — Client-Server API, "Server administration"
 * (getAdminLockUser, v1.18): whether a server-local user is locked. Server admins only.
 */
public final class GetAdminLockUser {
    public static final Endpoint ENDPOINT = Endpoint.client(Method.GET, "/v1/admin/lock/{userId}", Auth.REQUIRED);

    public record Response(boolean locked) {
    }

    private GetAdminLockUser() {
    }
}
