package dev.parley.http.client;

import dev.parley.api.client.RequestOpenIdToken;
import dev.parley.core.id.ServerName;
import dev.parley.core.id.UserId;
import dev.parley.http.Route;
import dev.parley.service.account.OpenIdTokens;
import java.util.List;

/** {@code POST /user/{userId}/openid/request_token} (Client-Server API, "OpenID"). */
public final class OpenIdRoutes {
    private OpenIdRoutes() {
    }

    public static List<Route> routes(OpenIdTokens tokens, ServerName serverName) {
        return List.of(new Route(RequestOpenIdToken.ENDPOINT, request -> {
            request.jsonBody(); // must be a JSON object, though nothing in it is read yet
            var issued = tokens.issue(UserId.parse(request.requester().userId()),
                    UserId.parse(request.pathParam("userId")));
            return new RequestOpenIdToken.Response(issued.accessToken(), "Bearer", serverName.value(),
                    issued.expiresInSeconds());
        }));
    }
}
