package dev.parley.api.client;

import dev.parley.api.Endpoint;
import dev.parley.api.Endpoint.Auth;
import dev.parley.api.Endpoint.Method;
import dev.parley.api.Endpoint.RateLimit;

/**
 * {@code POST /_matrix/client/v3/keys/device_signing/upload} — Client-Server API, "Cross-signing". Publishes the master, self-signing and user-signing keys (user-interactive auth except for the first master key).
 */
public final class UploadCrossSigningKeys {
    /** Not rate-limited: the spec lists no 429 for it. */
    public static final Endpoint ENDPOINT = Endpoint.client(Method.POST, "/v3/keys/device_signing/upload", Auth.REQUIRED).withRateLimit(RateLimit.NONE);

    private UploadCrossSigningKeys() {
    }
}
