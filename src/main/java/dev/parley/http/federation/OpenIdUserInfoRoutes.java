package dev.parley.http.federation;

import dev.parley.api.federation.GetOpenIdUserInfo;
import dev.parley.core.error.ErrCode;
import dev.parley.core.error.MatrixException;
import dev.parley.http.Route;
import dev.parley.service.account.OpenIdTokens;
import java.util.List;

/** {@code GET /_matrix/federation/v1/openid/userinfo} (Server-Server API, "OpenID"). */
public final class OpenIdUserInfoRoutes {
    private OpenIdUserInfoRoutes() {
    }

    public static List<Route> routes(OpenIdTokens tokens) {
        return List.of(new Route(GetOpenIdUserInfo.ENDPOINT, request -> {
            String token = request.query("access_token")
                    .orElseThrow(() -> new MatrixException(ErrCode.MISSING_TOKEN, "The access_token parameter is required."));
            return new GetOpenIdUserInfo.Response(tokens.owner(token).value());
        }));
    }
}
