package dev.parley.api.client;

import dev.parley.api.Endpoint;
import dev.parley.api.Endpoint.Auth;
import dev.parley.api.Endpoint.Method;

/** {@code DELETE /_matrix/client/v3/devices/{deviceId}} — Client-Server API, "Device management" (user-interactive auth). */
public final class DeleteDevice {
    public static final Endpoint ENDPOINT = Endpoint.client(Method.DELETE, "/v3/devices/{deviceId}", Auth.REQUIRED);

    private DeleteDevice() {
    }
}
