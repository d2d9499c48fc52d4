package dev.parley.api.client;

import dev.parley.api.Endpoint;
import dev.parley.api.Endpoint.Auth;
import dev.parley.api.Endpoint.Method;

/** {@code POST /_matrix/client/v3/join/{roomIdOrAlias}} — Client-Server API, "Joining rooms". */
public final class JoinRoom {
    public static final Endpoint ENDPOINT = Endpoint.client(Method.POST, "/v3/join/{roomIdOrAlias}", Auth.REQUIRED).allowingGuests();

    private JoinRoom() {
    }
}
