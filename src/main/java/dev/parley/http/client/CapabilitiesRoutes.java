package dev.parley.http.client;

import dev.parley.api.client.GetCapabilities;
import dev.parley.core.id.UserId;
import dev.parley.http.Route;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** {@code GET /capabilities}: what this server lets clients do (Client-Server API, "Capabilities negotiation"). */
public final class CapabilitiesRoutes {
    private CapabilitiesRoutes() {
    }

    /**
     * @param capabilities built by the wiring from every service that contributes one, for the
     *     requesting user (some depend on who asks: {@code m.account_moderation} is for admins)
     */
    public static List<Route> routes(Function<UserId, Map<String, Object>> capabilities) {
        return List.of(new Route(GetCapabilities.ENDPOINT, request ->
                new GetCapabilities.Response(capabilities.apply(UserId.parse(request.requester().userId())))));
    }
}
