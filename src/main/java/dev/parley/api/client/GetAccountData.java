package dev.parley.api.client;

import dev.parley.api.Endpoint;
import dev.parley.api.Endpoint.Auth;
import dev.parley.api.Endpoint.Method;
import dev.parley.api.Endpoint.RateLimit;

/**
 * {@code GET /_matrix/client/v3/user/{userId}/account_data/{type}} — Client-Server API, "Client Config": Get some account data for the user.
 * <p>The response is the content itself.
 */
public final class GetAccountData {
    /** Not rate-limited: the spec lists no 429 for it. */
    public static final Endpoint ENDPOINT = Endpoint.client(Method.GET, "/v3/user/{userId}/account_data/{type}", Auth.REQUIRED).withRateLimit(RateLimit.NONE);

    private GetAccountData() {
    }
}
