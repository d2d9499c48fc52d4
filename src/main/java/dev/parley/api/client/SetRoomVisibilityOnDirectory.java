package dev.parley.api.client;

import dev.parley.api.Endpoint;
import dev.parley.api.Endpoint.Auth;
import dev.parley.api.Endpoint.Method;

/** {@code PUT /_matrix/client/v3/directory/list/room/{roomId}} — Client-Server API, "Published room directory". */
public final class SetRoomVisibilityOnDirectory {
    public static final Endpoint ENDPOINT = Endpoint.client(Method.PUT, "/v3/directory/list/room/{roomId}", Auth.REQUIRED);

    /** @param visibility {@code public} (the default) or {@code private} */
    public record Request(String visibility) {
    }

    private SetRoomVisibilityOnDirectory() {
    }
}
