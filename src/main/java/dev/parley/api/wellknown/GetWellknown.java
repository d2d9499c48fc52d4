package dev.parley.api.wellknown;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.parley.api.Endpoint;
import dev.parley.api.Endpoint.Api;
import dev.parley.api.Endpoint.Auth;
import dev.parley.api.Endpoint.Method;
import dev.parley.api.Endpoint.RateLimit;

/** {@code GET /.well-known/matrix/client} — Client-Server API, "Server Discovery". */
public final class GetWellknown {
    public static final Endpoint ENDPOINT =
            new Endpoint(Method.GET, "/.well-known/matrix/client", Api.WELL_KNOWN, Auth.NONE, RateLimit.NONE);

    public record Response(@JsonProperty("m.homeserver") BaseUrl homeserver) {
    }

    public record BaseUrl(@JsonProperty("base_url") String baseUrl) {
    }

    private GetWellknown() {
    }
}
