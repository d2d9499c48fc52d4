package dev.parley.api.client;

import dev.parley.api.Endpoint;
import dev.parley.api.Endpoint.Auth;
import dev.parley.api.Endpoint.Method;
import dev.parley.api.Endpoint.RateLimit;

/**
 * {@code POST /_matrix/client/v3/keys/query} — Client-Server API, "Key management API". Device and cross-signing keys of users, with {@code failures} per unreachable server.
 */
public final class QueryKeys {
    /** Not rate-limited: the spec lists no 429 for it. */
    public static final Endpoint ENDPOINT = Endpoint.client(Method.POST, "/v3/keys/query", Auth.REQUIRED).withRateLimit(RateLimit.NONE)
            .allowingGuests();

    private QueryKeys() {
    }
}
