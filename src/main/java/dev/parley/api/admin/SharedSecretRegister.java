package dev.parley.api.admin;

import dev.parley.api.Endpoint;
import dev.parley.api.Endpoint.Api;
import dev.parley.api.Endpoint.Auth;
import dev.parley.api.Endpoint.Method;
import dev.parley.api.Endpoint.RateLimit;

/**
 * {@code GET} and {@code POST /_synapse/admin/v1/register} — Synapse's shared-secret
 * registration, which admin tools and test suites use; not part of the Matrix spec.
 */
public final class SharedSecretRegister {
    public static final Endpoint NONCE =
            new Endpoint(Method.GET, "/_synapse/admin/v1/register", Api.ADMIN, Auth.NONE, RateLimit.NONE);
    public static final Endpoint REGISTER =
            new Endpoint(Method.POST, "/_synapse/admin/v1/register", Api.ADMIN, Auth.NONE, RateLimit.REGISTRATION);

    public record NonceResponse(String nonce) {
    }

    public record Request(String nonce, String username, String password, String displayname, Boolean admin,
                          String userType, String mac) {
    }

    public record Response(String accessToken, String userId, String homeServer, String deviceId) {
    }

    private SharedSecretRegister() {
    }
}
