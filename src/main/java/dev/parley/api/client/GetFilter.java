package dev.parley.api.client;

import dev.parley.api.Endpoint;
import dev.parley.api.Endpoint.Auth;
import dev.parley.api.Endpoint.Method;
import dev.parley.api.Endpoint.RateLimit;

/**
 * {@code GET /_matrix/client/v3/user/{userId}/filter/{filterId}} — Client-Server API, "Filtering": Download a filter.
 * <p>The response is the filter definition as uploaded.
 */
public final class GetFilter {
    /** Not rate-limited: the spec lists no 429 for it. */
    public static final Endpoint ENDPOINT = Endpoint.client(Method.GET, "/v3/user/{userId}/filter/{filterId}", Auth.REQUIRED).withRateLimit(RateLimit.NONE);

    private GetFilter() {
    }
}
