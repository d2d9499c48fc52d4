package dev.parley.api.client;

import dev.parley.api.Endpoint;
import dev.parley.api.Endpoint.Auth;
import dev.parley.api.Endpoint.Method;

/** {@code POST /_matrix/client/v3/rooms/{roomId}/invite} — Client-Server API, "Room membership". */
public final class InviteUser {
    public static final Endpoint ENDPOINT = Endpoint.client(Method.POST, "/v3/rooms/{roomId}/invite", Auth.REQUIRED);

    private InviteUser() {
    }
}
