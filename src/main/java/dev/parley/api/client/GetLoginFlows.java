package dev.parley.api.client;

import dev.parley.api.Endpoint;
import dev.parley.api.Endpoint.Auth;
import dev.parley.api.Endpoint.Method;
import java.util.List;

/** {@code GET /_matrix/client/v3/login} — Client-Server API, "Login": the supported login types. */
public final class GetLoginFlows {
    public static final Endpoint ENDPOINT = Endpoint.client(Method.GET, "/v3/login", Auth.NONE);

    public record Response(List<LoginFlow> flows) {
    }

    /** @param getLoginToken set on {@code m.login.token} when {@code /login/get_token} is offered */
    public record LoginFlow(String type, Boolean getLoginToken) {
    }

    private GetLoginFlows() {
    }
}
