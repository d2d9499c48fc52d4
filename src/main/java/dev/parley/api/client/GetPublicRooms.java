package dev.parley.api.client;

import dev.parley.api.Endpoint;
import dev.parley.api.Endpoint.Auth;
import dev.parley.api.Endpoint.Method;
import dev.parley.api.Endpoint.RateLimit;

/**
 * {@code GET /_matrix/client/v3/publicRooms} — Client-Server API, "Published room directory";
 * no access token needed. Query: {@code limit}, {@code since}, {@code server}. Answers a
 * {@link PublicRoomsResponse}.
 */
public final class GetPublicRooms {
    public static final Endpoint ENDPOINT = Endpoint.client(Method.GET, "/v3/publicRooms", Auth.NONE)
            .withRateLimit(RateLimit.CLIENT);

    private GetPublicRooms() {
    }
}
