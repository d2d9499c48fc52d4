package dev.parley.api.client;

import dev.parley.api.Endpoint;
import dev.parley.api.Endpoint.Auth;
import dev.parley.api.Endpoint.Method;
import dev.parley.api.Endpoint.RateLimit;

/**
 * {@code PUT /_matrix/client/v3/user/{userId}/rooms/{roomId}/tags/{tag}} — Client-Server API, "Room Tagging": Add a tag to the room.
 * <p>The request is the tag's content ({"order": 0..1} and any other keys); the response is {}.
 */
public final class SetRoomTag {
    /** Not rate-limited: the spec lists no 429 for it. */
    public static final Endpoint ENDPOINT = Endpoint.client(Method.PUT, "/v3/user/{userId}/rooms/{roomId}/tags/{tag}", Auth.REQUIRED).withRateLimit(RateLimit.NONE);

    private SetRoomTag() {
    }
}
