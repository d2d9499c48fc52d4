package dev.parley.api.client;

import dev.parley.api.Endpoint;
import dev.parley.api.Endpoint.Auth;
import dev.parley.api.Endpoint.Method;

/**
 * {@code GET /_matrix/client/v1/admin/suspend/{userId}} — Client-Server API, "Server administration"
 * (getAdminSuspendUser, v1.18): whether a server-local user is suspended. Server admins only.
 */
public final class GetAdminSuspendUser {
    public static final Endpoint ENDPOINT = Endpoint.client(Method.GET, "/v1/admin/suspend/{userId}", Auth.REQUIRED);

    public record Response(boolean suspended) {
    }

    private GetAdminSuspendUser() {
    }
}
