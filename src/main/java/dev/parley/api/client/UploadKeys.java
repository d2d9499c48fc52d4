package dev.parley.api.client;

import dev.parley.api.Endpoint;
import dev.parley.api.Endpoint.Auth;
import dev.parley.api.Endpoint.Method;
import dev.parley.api.Endpoint.RateLimit;

/**
 * {@code POST /_matrix/client/v3/keys/upload} — Client-Server API, "Key management API". Publishes the device's identity keys and one-time and fallback keys; the response is {@code one_time_key_counts}.
 */
public final class UploadKeys {
    /** Not rate-limited: the spec lists no 429 for it. */
    public static final Endpoint ENDPOINT = Endpoint.client(Method.POST, "/v3/keys/upload", Auth.REQUIRED).withRateLimit(RateLimit.NONE)
            .allowingGuests();

    private UploadKeys() {
    }
}
