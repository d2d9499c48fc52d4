package dev.parley.http.client;

import dev.parley.api.client.GetTokenOwner;
import dev.parley.http.Requester;
import dev.parley.http.Route;
import java.util.List;

/** Account endpoints served so far: {@code whoami}. */
public final class AccountRoutes {
    private AccountRoutes() {
    }

    public static List<Route> routes() {
        return List.of(new Route(GetTokenOwner.ENDPOINT, request -> {
            Requester who = request.requester();
            return new GetTokenOwner.Response(who.userId(), who.deviceId().orElse(null), who.guest());
        }));
    }
}
