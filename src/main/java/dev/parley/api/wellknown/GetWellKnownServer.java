package dev.parley.api.wellknown;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.parley.api.Endpoint;
import dev.parley.api.Endpoint.Api;
import dev.parley.api.Endpoint.Auth;
import dev.parley.api.Endpoint.Method;
import dev.parley.api.Endpoint.RateLimit;

/**
 * {@code GET /.well-known/matrix/server} — Server-Server API, "Server discovery" (operation
 * {@code getWellKnown}): where other servers reach this one's federation API.
 */
public final class GetWellKnownServer {
    public static final Endpoint ENDPOINT =
            new Endpoint(Method.GET, "/.well-known/matrix/server", Api.WELL_KNOWN, Auth.NONE, RateLimit.NONE);

    public record Response(@JsonProperty("m.server") String server) {
    }

    private GetWellKnownServer() {
    }
}
