package dev.parley.api.client;

import dev.parley.api.Endpoint;
import dev.parley.api.Endpoint.Auth;
import dev.parley.api.Endpoint.Method;
import dev.parley.api.Endpoint.RateLimit;

/**
 * {@code PUT /_matrix/client/v3/user/{userId}/rooms/{roomId}/account_data/{type}} — Client-Server API, "Client Config": Set some account data for the user that is specific to a room.
 * <p>The request is the content itself, any JSON object; the response is {}.
 */
public final class SetAccountDataPerRoom {
    /** Not rate-limited: the spec lists no 429 for it. */
    public static final Endpoint ENDPOINT = Endpoint.client(Method.PUT, "/v3/user/{userId}/rooms/{roomId}/account_data/{type}", Auth.REQUIRED).withRateLimit(RateLimit.NONE);

    private SetAccountDataPerRoom() {
    }
}
