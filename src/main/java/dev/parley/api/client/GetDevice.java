package dev.parley.api.client;

import dev.parley.api.Endpoint;
import dev.parley.api.Endpoint.Auth;
import dev.parley.api.Endpoint.Method;

/** {@code GET /_matrix/client/v3/devices/{deviceId}} — Client-Server API, "Device management"; answers a {@link GetDevices.Device}. */
public final class GetDevice {
    public static final Endpoint ENDPOINT = Endpoint.client(Method.GET, "/v3/devices/{deviceId}", Auth.REQUIRED).allowingGuests();

    private GetDevice() {
    }
}
