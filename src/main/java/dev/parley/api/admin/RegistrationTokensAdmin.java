package dev.parley.api.admin;

import dev.parley.api.Endpoint;
import dev.parley.api.Endpoint.Api;
import dev.parley.api.Endpoint.Auth;
import dev.parley.api.Endpoint.Method;
import dev.parley.api.Endpoint.RateLimit;
import java.util.List;

/** Synapse's registration-token admin API ({@code /_synapse/admin/v1/registration_tokens}), for server admins. */
public final class RegistrationTokensAdmin {
    private static final String BASE = "/_synapse/admin/v1/registration_tokens";
    public static final Endpoint LIST = new Endpoint(Method.GET, BASE, Api.ADMIN, Auth.REQUIRED, RateLimit.NONE);
    public static final Endpoint CREATE = new Endpoint(Method.POST, BASE + "/new", Api.ADMIN, Auth.REQUIRED, RateLimit.NONE);
    public static final Endpoint GET = new Endpoint(Method.GET, BASE + "/{token}", Api.ADMIN, Auth.REQUIRED, RateLimit.NONE);
    public static final Endpoint DELETE = new Endpoint(Method.DELETE, BASE + "/{token}", Api.ADMIN, Auth.REQUIRED, RateLimit.NONE);

    public record CreateRequest(String token, Integer usesAllowed, Long expiryTime, Integer length) {
    }

    public record Token(String token, Integer usesAllowed, int pending, int completed, Long expiryTime) {
    }

    public record TokenList(List<Token> registrationTokens) {
    }

    private RegistrationTokensAdmin() {
    }
}
