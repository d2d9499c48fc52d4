package dev.parley.api.client;

import dev.parley.api.Endpoint;
import dev.parley.api.Endpoint.Auth;
import dev.parley.api.Endpoint.Method;
import dev.parley.api.Endpoint.RateLimit;

/**
 * {@code POST /_matrix/client/v3/keys/signatures/upload} — Client-Server API, "Cross-signing". Publishes signatures of keys; bad ones are listed under {@code failures}.
 */
public final class UploadCrossSigningSignatures {
    /** Not rate-limited: the spec lists no 429 for it. */
    public static final Endpoint ENDPOINT = Endpoint.client(Method.POST, "/v3/keys/signatures/upload", Auth.REQUIRED).withRateLimit(RateLimit.NONE);

    private UploadCrossSigningSignatures() {
    }
}
