package dev.parley.api.federation;

import dev.parley.api.Endpoint;
import dev.parley.api.Endpoint.Api;
import dev.parley.api.Endpoint.Auth;
import dev.parley.api.Endpoint.Method;
import dev.parley.api.Endpoint.RateLimit;

/**
 * {@code GET /_matrix/federation/v1/openid/userinfo?access_token=} — Server-Server API, "OpenID":
 * exchange an OpenID token for the user it was issued to. Called by third parties, not servers,
 * so it carries no request signature; the OpenID token in the query string is its only credential
 * (and is not an access token: {@code Auth.NONE}).
 */
public final class GetOpenIdUserInfo {
    public static final Endpoint ENDPOINT = new Endpoint(Method.GET, "/_matrix/federation/v1/openid/userinfo",
            Api.FEDERATION, Auth.NONE, RateLimit.NONE);

    /** @param sub the Matrix user ID who generated the token */
    public record Response(String sub) {
    }

    private GetOpenIdUserInfo() {
    }
}
