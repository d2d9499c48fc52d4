package dev.parley.api.client;

import dev.parley.api.Endpoint;
import dev.parley.api.Endpoint.Auth;
import dev.parley.api.Endpoint.Method;

/** {@code POST /_matrix/client/v3/logout} — Client-Server API, "Logout": the token and its device. */
public final class Logout {
    public static final Endpoint ENDPOINT = Endpoint.client(Method.POST, "/v3/logout", Auth.REQUIRED).allowingGuests()
            .openWhenLocked();

    private Logout() {
    }
}
