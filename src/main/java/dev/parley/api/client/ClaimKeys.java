package dev.parley.api.client;

import dev.parley.api.Endpoint;
import dev.parley.api.Endpoint.Auth;
import dev.parley.api.Endpoint.Method;
import dev.parley.api.Endpoint.RateLimit;

/**
 * {@code POST /_matrix/client/v3/keys/claim} — Client-Server API, "Key management API". Claims one one-time (or fallback) key per requested device.
 */
public final class ClaimKeys {
    /** Not rate-limited: the spec lists no 429 for it. */
    public static final Endpoint ENDPOINT = Endpoint.client(Method.POST, "/v3/keys/claim", Auth.REQUIRED).withRateLimit(RateLimit.NONE)
            .allowingGuests();

    private ClaimKeys() {
    }
}
