package dev.parley.api.client;

import dev.parley.api.Endpoint;
import dev.parley.api.Endpoint.Auth;
import dev.parley.api.Endpoint.Method;
import dev.parley.api.Endpoint.RateLimit;

/** {@code GET /_matrix/client/v3/register/available?username=} — Client-Server API, "Account registration". */
public final class CheckUsernameAvailability {
    public static final Endpoint ENDPOINT =
            Endpoint.client(Method.GET, "/v3/register/available", Auth.NONE).withRateLimit(RateLimit.CLIENT);

    public record Response(boolean available) {
    }

    private CheckUsernameAvailability() {
    }
}
