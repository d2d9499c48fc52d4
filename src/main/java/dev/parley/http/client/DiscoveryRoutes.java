package dev.parley.http.client;

import dev.parley.api.client.GetVersions;
import dev.parley.api.client.SlidingSync;
import dev.parley.api.wellknown.GetWellKnownServer;
import dev.parley.api.wellknown.GetWellknown;
import dev.parley.api.wellknown.GetWellknownSupport;
import dev.parley.core.error.MatrixException;
import dev.parley.http.Route;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Server discovery: {@code /versions} and the {@code .well-known} documents. */
public final class DiscoveryRoutes {
    /**
     * The spec versions Parley advertises; clients gate features on this list (threads from
     * v1.4, authenticated media from v1.11, ...), and graphical clients refuse a server that lists
     * none. Every version's rooms, sync, end-to-end encryption, media and account endpoints are
     * served; what is still missing (push gateways, third-party IDs, search, federation) answers
     * {@code M_UNRECOGNIZED} or "not found", which clients treat as an unsupported optional
     * feature. The README's Status lists the gaps. Later versions go in as their additions land:
     * v1.18's was account locking and suspension by server admins ({@code /v1/admin/lock|suspend}),
     * v1.19's {@code unsigned.replaces_state} ({@code /v1/mutual_rooms} was there already).
     */
    static final List<String> SUPPORTED_VERSIONS = List.of("v1.1", "v1.2", "v1.3", "v1.4", "v1.5", "v1.6", "v1.7",
            "v1.8", "v1.9", "v1.10", "v1.11", "v1.12", "v1.13", "v1.14", "v1.15", "v1.16", "v1.17", "v1.18",
            "v1.19");

    /** Implemented MSCs, under the flags their unstable prefixes define. */
    static final Map<String, Boolean> UNSTABLE_FEATURES = Map.of(SlidingSync.UNSTABLE_FEATURE, true);

    private DiscoveryRoutes() {
    }

    /**
     * @param publicBaseUrl what clients should use as the homeserver base URL
     * @param federationEndpoint "host:port" other servers should use, if announced
     * @param support what {@code /.well-known/matrix/support} serves, if configured
     */
    public static List<Route> routes(URI publicBaseUrl, Optional<String> federationEndpoint,
                                     Optional<GetWellknownSupport.Response> support) {
        var versions = new GetVersions.Response(SUPPORTED_VERSIONS, UNSTABLE_FEATURES);
        String baseUrl = publicBaseUrl.toString().replaceAll("/+$", "");
        var client = new GetWellknown.Response(new GetWellknown.BaseUrl(baseUrl));
        return List.of(
                new Route(GetVersions.ENDPOINT, request -> versions),
                new Route(GetWellknown.ENDPOINT, request -> client),
                new Route(GetWellKnownServer.ENDPOINT, request -> new GetWellKnownServer.Response(
                        federationEndpoint.orElseThrow(() -> MatrixException.notFound("No server delegation is configured")))),
                new Route(GetWellknownSupport.ENDPOINT, request -> support.orElseThrow(
                        () -> MatrixException.notFound("No support information is configured"))));
    }
}
