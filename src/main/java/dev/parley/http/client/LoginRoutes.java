package dev.parley.http.client;

import dev.parley.api.client.GenerateLoginToken;
import dev.parley.api.client.GetLoginFlows;
import dev.parley.api.client.Login;
import dev.parley.api.client.Logout;
import dev.parley.api.client.LogoutAll;
import dev.parley.api.client.Refresh;
import dev.parley.core.error.ErrCode;
import dev.parley.core.error.MatrixException;
import dev.parley.core.id.UserId;
import dev.parley.http.RequestContext;
import dev.parley.http.Route;
import dev.parley.service.account.InteractiveAuth;
import dev.parley.service.account.LoginTokens;
import dev.parley.service.account.Logins;
import dev.parley.service.account.Session;
import dev.parley.service.account.Sessions;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Login, token refresh and logout (Client-Server API, "Client authentication"). */
public final class LoginRoutes {
    private LoginRoutes() {
    }

    public static List<Route> routes(Logins logins, Sessions sessions, LoginTokens loginTokens, InteractiveAuth uia,
                                     URI publicBaseUrl) {
        String baseUrl = publicBaseUrl.toString().replaceAll("/+$", "");
        var flows = new GetLoginFlows.Response(logins.types().stream()
                .map(type -> new GetLoginFlows.LoginFlow(type, Logins.TOKEN.equals(type) ? Boolean.TRUE : null))
                .toList());
        return List.of(
                new Route(GetLoginFlows.ENDPOINT, request -> flows),
                new Route(Login.ENDPOINT, request -> {
                    Sessions.Login login = logins.login(request.jsonBody());
                    return new Login.Response(login.userId().value(), login.accessToken(), login.deviceId(),
                            login.userId().server().value(), login.refreshToken().orElse(null),
                            login.expiresInMs().orElse(null),
                            new Login.WellKnown(new Login.BaseUrl(baseUrl)));
                }),
                new Route(GenerateLoginToken.ENDPOINT, request -> {
                    UserId user = UserId.parse(request.requester().userId());
                    uia.authenticate(request.jsonBody(), List.of(List.of(InteractiveAuth.PASSWORD)), Map.of(),
                            "get_login_token", Optional.of(user));
                    return new GenerateLoginToken.Response(loginTokens.issue(user), loginTokens.lifetimeMs());
                }),
                new Route(Refresh.ENDPOINT, request -> {
                    String token = request.body(Refresh.Request.class).refreshToken();
                    if (token == null) {
                        throw new MatrixException(ErrCode.MISSING_PARAM, "Missing refresh_token");
                    }
                    Sessions.Login login = sessions.refresh(token);
                    return new Refresh.Response(login.accessToken(), login.refreshToken().orElse(null),
                            login.expiresInMs().orElse(null));
                }),
                new Route(Logout.ENDPOINT, request -> {
                    sessions.logout(session(request), request.accessToken().orElseThrow());
                    return Map.of();
                }),
                new Route(LogoutAll.ENDPOINT, request -> {
                    sessions.logoutAll(UserId.parse(request.requester().userId()));
                    return Map.of();
                }));
    }

    static Session session(RequestContext request) {
        var who = request.requester();
        return new Session(UserId.parse(who.userId()), who.deviceId(), who.guest());
    }
}
