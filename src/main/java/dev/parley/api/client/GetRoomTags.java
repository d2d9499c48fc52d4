package dev.parley.api.client;

import dev.parley.api.Endpoint;
import dev.parley.api.Endpoint.Auth;
import dev.parley.api.Endpoint.Method;
import dev.parley.api.Endpoint.RateLimit;

/**
 * {@code GET /_matrix/client/v3/user/{userId}/rooms/{roomId}/tags} — Client-Server API, "Room Tagging": List the tags set by a user on a room.
 * <p>The response is {"tags": {tag: {order?}}}.
 */
public final class GetRoomTags {
    /** Not rate-limited: the spec lists no 429 for it. */
    public static final Endpoint ENDPOINT = Endpoint.client(Method.GET, "/v3/user/{userId}/rooms/{roomId}/tags", Auth.REQUIRED).withRateLimit(RateLimit.NONE);

    private GetRoomTags() {
    }
}
