package dev.parley.api.client;

import dev.parley.api.Endpoint;
import dev.parley.api.Endpoint.Auth;
import dev.parley.api.Endpoint.Method;

/**
 * {@code PUT /_matrix/client/v1/admin/suspend/{userId}} — Client-Server API, "Server administration"
 * (setAdminSuspendUser, v1.18): suspends or unsuspends a server-local user. Server admins only.
 */
public final class SetAdminSuspendUser {
    public static final Endpoint ENDPOINT = Endpoint.client(Method.PUT, "/v1/admin/suspend/{userId}", Auth.REQUIRED);

    /** The request body's one field, required and boolean (checked as such by the handler). */
    public static final String FIELD = "suspended";

    public record Response(boolean suspended) {
    }

    private SetAdminSuspendUser() {
    }
}
