package dev.parley.api.client;

import dev.parley.api.Endpoint;
import dev.parley.api.Endpoint.Auth;
import dev.parley.api.Endpoint.Method;
import dev.parley.api.Endpoint.RateLimit;

/** {@code POST /_matrix/client/v3/refresh} — Client-Server API, "Refreshing access tokens". */
public final class Refresh {
    public static final Endpoint ENDPOINT =
            Endpoint.client(Method.POST, "/v3/refresh", Auth.NONE).withRateLimit(RateLimit.CLIENT);

    public record Request(String refreshToken) {
    }

    public record Response(String accessToken, String refreshToken, Long expiresInMs) {
    }

    private Refresh() {
    }
}
