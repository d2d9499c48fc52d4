package dev.parley.http.client;

import dev.parley.api.client.GetCapabilities;
import dev.parley.http.Route;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** {@code GET /capabilities}: what this server lets clients do (Client-Server API, "Capabilities negotiation"). */
public final class CapabilitiesRoutes {
    private CapabilitiesRoutes() {
    }

    /** @param capabilities built by the wiring from every service that contributes one */
    public static List<Route> routes(Supplier<Map<String, Object>> capabilities) {
        return List.of(new Route(GetCapabilities.ENDPOINT, request -> new GetCapabilities.Response(capabilities.get())));
    }
}
