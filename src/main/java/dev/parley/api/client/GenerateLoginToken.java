package dev.parley.api.client;

import dev.parley.api.Endpoint;
import dev.parley.api.Endpoint.Auth;
import dev.parley.api.Endpoint.Method;

/** {@code POST /_matrix/client/v1/login/get_token} — Client-Server API, "Login" (user-interactive auth). */
public final class GenerateLoginToken {
    public static final Endpoint ENDPOINT = Endpoint.client(Method.POST, "/v1/login/get_token", Auth.REQUIRED);

    public record Response(String loginToken, long expiresInMs) {
    }

    private GenerateLoginToken() {
    }
}
