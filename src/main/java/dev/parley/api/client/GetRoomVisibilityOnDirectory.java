package dev.parley.api.client;

import dev.parley.api.Endpoint;
import dev.parley.api.Endpoint.Auth;
import dev.parley.api.Endpoint.Method;
import dev.parley.api.Endpoint.RateLimit;

/** {@code GET /_matrix/client/v3/directory/list/room/{roomId}} — Client-Server API, "Published room directory"; no access token needed. */
public final class GetRoomVisibilityOnDirectory {
    public static final Endpoint ENDPOINT = Endpoint.client(Method.GET, "/v3/directory/list/room/{roomId}", Auth.NONE)
            .withRateLimit(RateLimit.CLIENT);

    /** @param visibility {@code public} or {@code private} */
    public record Response(String visibility) {
    }

    private GetRoomVisibilityOnDirectory() {
    }
}
