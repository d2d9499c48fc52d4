package dev.parley.api.client;

import dev.parley.api.Endpoint;
import dev.parley.api.Endpoint.Auth;
import dev.parley.api.Endpoint.Method;

/** {@code POST /_matrix/client/v3/delete_devices} — Client-Server API, "Device management" (user-interactive auth). */
public final class DeleteDevices {
    public static final Endpoint ENDPOINT = Endpoint.client(Method.POST, "/v3/delete_devices", Auth.REQUIRED);

    private DeleteDevices() {
    }
}
