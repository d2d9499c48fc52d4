package dev.parley.http.client;

import dev.parley.api.client.GetAccount3PIDs;
import dev.parley.http.Route;
import java.util.List;

/**
 * Third-party identifiers of the account (Client-Server API, "Adding Account Administrative
 * Contact Information"). Parley cannot associate any yet (no identity server or e-mail
 * validation), so every account's list is empty.
 */
public final class ThirdPartyIdRoutes {
    private ThirdPartyIdRoutes() {
    }

    public static List<Route> routes() {
        return List.of(new Route(GetAccount3PIDs.ENDPOINT, request -> new GetAccount3PIDs.Response(List.of())));
    }
}
