package dev.parley.api.client;

import dev.parley.api.Endpoint;
import dev.parley.api.Endpoint.Auth;
import dev.parley.api.Endpoint.Method;
import dev.parley.api.Endpoint.RateLimit;

/** {@code GET /_matrix/client/v3/presence/{userId}/status} — Client-Server API, "Presence". */
public final class GetPresence {
    /** Not rate-limited: the spec lists no 429 for it. */
    public static final Endpoint ENDPOINT = Endpoint.client(Method.GET, "/v3/presence/{userId}/status", Auth.REQUIRED)
            .withRateLimit(RateLimit.NONE);

    /** Absent fields are left out. */
    public record Response(String presence, Long lastActiveAgo, String statusMsg, Boolean currentlyActive) {
    }

    private GetPresence() {
    }
}
