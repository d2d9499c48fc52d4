package dev.parley.api.client;

import dev.parley.api.Endpoint;
import dev.parley.api.Endpoint.Auth;
import dev.parley.api.Endpoint.Method;
import dev.parley.api.Endpoint.RateLimit;

/**
 * {@code DELETE /_matrix/client/v3/user/{userId}/rooms/{roomId}/tags/{tag}} — Client-Server API, "Room Tagging": Remove a tag from the room.
 * <p>The response is {}.
 */
public final class DeleteRoomTag {
    /** Not rate-limited: the spec lists no 429 for it. */
    public static final Endpoint ENDPOINT = Endpoint.client(Method.DELETE, "/v3/user/{userId}/rooms/{roomId}/tags/{tag}", Auth.REQUIRED).withRateLimit(RateLimit.NONE);

    private DeleteRoomTag() {
    }
}
