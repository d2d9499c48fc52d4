package dev.parley.api.client;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.parley.api.Endpoint;
import dev.parley.api.Endpoint.Auth;
import dev.parley.api.Endpoint.Method;
import dev.parley.api.Endpoint.RateLimit;

/** {@code POST /_matrix/client/v3/login} — Client-Server API, "Login". */
public final class Login {
    public static final Endpoint ENDPOINT =
            Endpoint.client(Method.POST, "/v3/login", Auth.NONE).withRateLimit(RateLimit.LOGIN);

    public record Response(String userId, String accessToken, String deviceId, String homeServer,
                           String refreshToken, Long expiresInMs, WellKnown wellKnown) {
    }

    public record WellKnown(@JsonProperty("m.homeserver") BaseUrl homeserver) {
    }

    public record BaseUrl(@JsonProperty("base_url") String baseUrl) {
    }

    private Login() {
    }
}
