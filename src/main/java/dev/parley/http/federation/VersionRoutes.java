package dev.parley.http.federation;

import dev.parley.api.federation.GetVersion;
import dev.parley.http.Route;
import java.util.List;

/** {@code GET /_matrix/federation/v1/version}: who we are, for other servers and tools. */
public final class VersionRoutes {
    private VersionRoutes() {
    }

    public static List<Route> routes(String implementationVersion) {
        var response = new GetVersion.Response(new GetVersion.Server("Parley", implementationVersion));
        return List.of(new Route(GetVersion.ENDPOINT, request -> response));
    }
}
