package dev.parley.api.client;

import dev.parley.api.Endpoint;
import dev.parley.api.Endpoint.Auth;
import dev.parley.api.Endpoint.Method;

/** {@code POST /_matrix/client/v3/rooms/{roomId}/ban} — Client-Server API, "Banning users in a room". */
public final class Ban {
    public static final Endpoint ENDPOINT = Endpoint.client(Method.POST, "/v3/rooms/{roomId}/ban", Auth.REQUIRED);

    private Ban() {
    }
}
