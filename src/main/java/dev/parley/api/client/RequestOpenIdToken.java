package dev.parley.api.client;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.parley.api.Endpoint;
import dev.parley.api.Endpoint.Auth;
import dev.parley.api.Endpoint.Method;

/**
 * {@code POST /_matrix/client/v3/user/{userId}/openid/request_token} — Client-Server API,
 * "OpenID": get an OpenID token object to verify the requester's identity with a third party.
 * <p>The request is an empty object, reserved for future expansion.
 */
public final class RequestOpenIdToken {
    public static final Endpoint ENDPOINT =
            Endpoint.client(Method.POST, "/v3/user/{userId}/openid/request_token", Auth.REQUIRED);

    public record Response(@JsonProperty("access_token") String accessToken,
                           @JsonProperty("token_type") String tokenType,
                           @JsonProperty("matrix_server_name") String matrixServerName,
                           @JsonProperty("expires_in") long expiresIn) {
    }

    private RequestOpenIdToken() {
    }
}
