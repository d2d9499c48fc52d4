package dev.parley.api.client;

import dev.parley.api.Endpoint;
import dev.parley.api.Endpoint.Auth;
import dev.parley.api.Endpoint.Method;
import dev.parley.api.Endpoint.RateLimit;

/**
 * {@code PUT /_matrix/client/v3/sendToDevice/{eventType}/{txnId}} — Client-Server API,
 * "Send-to-Device messaging". Request: {@code messages}, user ID → device ID (or "*") → content;
 * the response is {}. Guests may use it ("Guest access").
 */
public final class SendToDevice {
    /** Not rate-limited: the spec lists no 429 for it. */
    public static final Endpoint ENDPOINT = Endpoint.client(Method.PUT, "/v3/sendToDevice/{eventType}/{txnId}",
            Auth.REQUIRED).withRateLimit(RateLimit.NONE).allowingGuests();

    private SendToDevice() {
    }
}
