package dev.parley.api.client;

import dev.parley.api.Endpoint;
import dev.parley.api.Endpoint.Auth;
import dev.parley.api.Endpoint.Method;

/** {@code POST /_matrix/client/v3/account/password} — Client-Server API, "Password management" (user-interactive auth). */
public final class ChangePassword {
    public static final Endpoint ENDPOINT = Endpoint.client(Method.POST, "/v3/account/password", Auth.REQUIRED);

    private ChangePassword() {
    }
}
