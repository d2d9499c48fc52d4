package dev.parley.api.client;

import dev.parley.api.Endpoint;
import dev.parley.api.Endpoint.Auth;
import dev.parley.api.Endpoint.Method;

/** {@code POST /_matrix/client/v3/knock/{roomIdOrAlias}} — Client-Server API, "Knocking on rooms" (operation knockRoom). */
public final class KnockRoom {
    public static final Endpoint ENDPOINT = Endpoint.client(Method.POST, "/v3/knock/{roomIdOrAlias}", Auth.REQUIRED);

    public record Request(String reason) {
    }

    public record Response(String roomId) {
    }

    private KnockRoom() {
    }
}
