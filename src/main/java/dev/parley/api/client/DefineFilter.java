package dev.parley.api.client;

import dev.parley.api.Endpoint;
import dev.parley.api.Endpoint.Auth;
import dev.parley.api.Endpoint.Method;
import dev.parley.api.Endpoint.RateLimit;

/**
 * {@code POST /_matrix/client/v3/user/{userId}/filter} — Client-Server API, "Filtering": Upload a new filter.
 * <p>The request is the filter definition (definitions/sync_filter.yaml), kept as the client sent it.
 */
public final class DefineFilter {
    /** Not rate-limited: the spec lists no 429 for it. */
    public static final Endpoint ENDPOINT = Endpoint.client(Method.POST, "/v3/user/{userId}/filter", Auth.REQUIRED).withRateLimit(RateLimit.NONE);

    public record Response(String filterId) {
    }

    private DefineFilter() {
    }
}
