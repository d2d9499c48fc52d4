package dev.parley.api.client;

import dev.parley.api.Endpoint;
import dev.parley.api.Endpoint.Auth;
import dev.parley.api.Endpoint.Method;
import dev.parley.api.Endpoint.RateLimit;

/**
 * {@code GET /_matrix/client/v3/keys/changes} — Client-Server API, "Key management API". Users whose device lists changed between two {@code /sync} tokens ({@code from}, {@code to}).
 */
public final class GetKeysChanges {
    /** Not rate-limited: the spec lists no 429 for it. */
    public static final Endpoint ENDPOINT = Endpoint.client(Method.GET, "/v3/keys/changes", Auth.REQUIRED).withRateLimit(RateLimit.NONE);

    private GetKeysChanges() {
    }
}
