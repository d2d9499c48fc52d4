package dev.parley.http.client;

import dev.parley.api.client.GetWhoIs;
import dev.parley.core.id.UserId;
import dev.parley.http.Route;
import dev.parley.service.account.Whois;
import java.util.List;

/** {@code GET /admin/whois/{userId}} (Client-Server API, "Server administration"). */
public final class WhoisRoutes {
    private WhoisRoutes() {
    }

    public static List<Route> routes(Whois whois) {
        return List.of(new Route(GetWhoIs.ENDPOINT, request -> whois.lookUp(
                UserId.parse(request.requester().userId()), UserId.parse(request.pathParam("userId")))));
    }
}
