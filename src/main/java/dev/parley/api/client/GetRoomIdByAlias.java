package dev.parley.api.client;

import dev.parley.api.Endpoint;
import dev.parley.api.Endpoint.Auth;
import dev.parley.api.Endpoint.Method;
import dev.parley.api.Endpoint.RateLimit;
import java.util.List;

/** {@code GET /_matrix/client/v3/directory/room/{roomAlias}} — Client-Server API, "Room aliases" (operation getRoomIdByAlias); no access token needed. */
public final class GetRoomIdByAlias {
    public static final Endpoint ENDPOINT = Endpoint.client(Method.GET, "/v3/directory/room/{roomAlias}", Auth.NONE)
            .withRateLimit(RateLimit.CLIENT);

    public record Response(String roomId, List<String> servers) {
    }

    private GetRoomIdByAlias() {
    }
}
