package dev.parley.api.client;

import dev.parley.api.Endpoint;
import dev.parley.api.Endpoint.Auth;
import dev.parley.api.Endpoint.Method;
import dev.parley.api.Endpoint.RateLimit;

/**
 * {@code POST /_matrix/client/v3/register} — Client-Server API, "Account registration". The body
 * (with {@code auth} for user-interactive auth) is read as JSON by the registration service.
 */
public final class Register {
    public static final Endpoint ENDPOINT =
            Endpoint.client(Method.POST, "/v3/register", Auth.NONE).withRateLimit(RateLimit.REGISTRATION);

    /** {@code access_token}, {@code device_id}, {@code refresh_token}, {@code expires_in_ms}: absent with {@code inhibit_login}. */
    public record Response(String userId, String accessToken, String deviceId, String homeServer,
                           String refreshToken, Long expiresInMs) {
    }

    private Register() {
    }
}
