package dev.parley.api.client;

import dev.parley.api.Endpoint;
import dev.parley.api.Endpoint.Auth;
import dev.parley.api.Endpoint.Method;
import dev.parley.api.Endpoint.RateLimit;

/**
 * {@code GET /_matrix/client/v1/register/m.login.registration_token/validity?token=} —
 * Client-Server API, "Token-authenticated registration".
 */
public final class RegistrationTokenValidity {
    public static final Endpoint ENDPOINT = Endpoint.client(Method.GET,
            "/v1/register/m.login.registration_token/validity", Auth.NONE).withRateLimit(RateLimit.REGISTRATION);

    public record Response(boolean valid) {
    }

    private RegistrationTokenValidity() {
    }
}
