package dev.parley.api.client;

import dev.parley.api.Endpoint;
import dev.parley.api.Endpoint.Auth;
import dev.parley.api.Endpoint.Method;

/** {@code POST /_matrix/client/v3/logout/all} — Client-Server API, "Logout": every token and device. */
public final class LogoutAll {
    public static final Endpoint ENDPOINT = Endpoint.client(Method.POST, "/v3/logout/all", Auth.REQUIRED).allowingGuests()
            .openWhenLocked();

    private LogoutAll() {
    }
}
