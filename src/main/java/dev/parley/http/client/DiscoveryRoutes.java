package dev.parley.http.client;

import dev.parley.api.client.GetVersions;
import dev.parley.api.client.SlidingSync;
import dev.parley.api.wellknown.GetWellKnownServer;
import dev.parley.api.wellknown.GetWellknown;
import dev.parley.core.error.MatrixException;
import dev.parley.http.Route;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Server discovery: {@code /versions} and the two {@code .well-known} documents. */
public final class DiscoveryRoutes {
    /**
     * The spec versions Parley advertises. A version goes in only once every endpoint and
     * behaviour it requires is implemented: clients trust this list to decide what to call.
     */
    static final List<String> SUPPORTED_VERSIONS = List.of();

    /** Implemented MSCs, under the flags their unstable prefixes define. */
    static final Map<String, Boolean> UNSTABLE_FEATURES = Map.of(SlidingSync.UNSTABLE_FEATURE, true);

    private DiscoveryRoutes() {
    }

    /**
     * @param publicBaseUrl what clients should use as the homeserver base URL
     * @param federationEndpoint "host:port" other servers should use, if announced
     */
    public static List<Route> routes(URI publicBaseUrl, Optional<String> federationEndpoint) {
        var versions = new GetVersions.Response(SUPPORTED_VERSIONS, UNSTABLE_FEATURES);
        String baseUrl = publicBaseUrl.toString().replaceAll("/+$", "");
        var client = new GetWellknown.Response(new GetWellknown.BaseUrl(baseUrl));
        return List.of(
                new Route(GetVersions.ENDPOINT, request -> versions),
                new Route(GetWellknown.ENDPOINT, request -> client),
                new Route(GetWellKnownServer.ENDPOINT, request -> new GetWellKnownServer.Response(
                        federationEndpoint.orElseThrow(() -> MatrixException.notFound("No server delegation is configured")))));
    }
}
