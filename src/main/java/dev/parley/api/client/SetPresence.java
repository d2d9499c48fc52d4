package dev.parley.api.client;

import dev.parley.api.Endpoint;
import dev.parley.api.Endpoint.Auth;
import dev.parley.api.Endpoint.Method;

/**
 * {@code PUT /_matrix/client/v3/presence/{userId}/status} — Client-Server API, "Presence".
 * Request: {@code presence} (required: online, unavailable, offline), {@code status_msg}; the
 * response is {}.
 */
public final class SetPresence {
    public static final Endpoint ENDPOINT = Endpoint.client(Method.PUT, "/v3/presence/{userId}/status", Auth.REQUIRED);

    private SetPresence() {
    }
}
