package dev.parley.api.client;

import dev.parley.api.Endpoint;
import dev.parley.api.Endpoint.Auth;
import dev.parley.api.Endpoint.Method;

/** {@code PUT /_matrix/client/v3/devices/{deviceId}} — Client-Server API, "Device management". */
public final class UpdateDevice {
    public static final Endpoint ENDPOINT = Endpoint.client(Method.PUT, "/v3/devices/{deviceId}", Auth.REQUIRED).allowingGuests();

    /** @param displayName the new name; absent or null clears it */
    public record Request(String displayName) {
    }

    private UpdateDevice() {
    }
}
