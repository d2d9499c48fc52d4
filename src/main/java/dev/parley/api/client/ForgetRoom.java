package dev.parley.api.client;

import dev.parley.api.Endpoint;
import dev.parley.api.Endpoint.Auth;
import dev.parley.api.Endpoint.Method;

/** {@code POST /_matrix/client/v3/rooms/{roomId}/forget} — Client-Server API, "Leaving rooms" (operation forgetRoom). */
public final class ForgetRoom {
    public static final Endpoint ENDPOINT = Endpoint.client(Method.POST, "/v3/rooms/{roomId}/forget", Auth.REQUIRED);

    private ForgetRoom() {
    }
}
