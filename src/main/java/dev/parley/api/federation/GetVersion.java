package dev.parley.api.federation;

import dev.parley.api.Endpoint;
import dev.parley.api.Endpoint.Api;
import dev.parley.api.Endpoint.Auth;
import dev.parley.api.Endpoint.Method;
import dev.parley.api.Endpoint.RateLimit;

/** {@code GET /_matrix/federation/v1/version} — Server-Server API, "Get the implementation name and version of this homeserver". */
public final class GetVersion {
    public static final Endpoint ENDPOINT =
            new Endpoint(Method.GET, "/_matrix/federation/v1/version", Api.FEDERATION, Auth.NONE, RateLimit.NONE);

    public record Response(Server server) {
    }

    public record Server(String name, String version) {
    }

    private GetVersion() {
    }
}
