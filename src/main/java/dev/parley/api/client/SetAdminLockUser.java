package dev.parley.api.client;

import dev.parley.api.Endpoint;
import dev.parley.api.Endpoint.Auth;
import dev.parley.api.Endpoint.Method;

/**
 * {@code PUT /_matrix/client/v1/admin/lock/{userId}} — Client-Server API, "Server administration"
 * (setAdminLockUser, v1.18): locks or unlocks a server-local user. Server admins only.
 */
public final class SetAdminLockUser {
    public static final Endpoint ENDPOINT = Endpoint.client(Method.PUT, "/v1/admin/lock/{userId}", Auth.REQUIRED);

    /** The request body's one field, required and boolean (checked as such by the handler). */
    public static final String FIELD = "locked";

    public record Response(boolean locked) {
    }

    private SetAdminLockUser() {
    }
}
