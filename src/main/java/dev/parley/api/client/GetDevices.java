package dev.parley.api.client;

import dev.parley.api.Endpoint;
import dev.parley.api.Endpoint.Auth;
import dev.parley.api.Endpoint.Method;
import java.util.List;

/** {@code GET /_matrix/client/v3/devices} — Client-Server API, "Device management". */
public final class GetDevices {
    public static final Endpoint ENDPOINT = Endpoint.client(Method.GET, "/v3/devices", Auth.REQUIRED).allowingGuests();

    public record Response(List<Device> devices) {
    }

    /** The spec's {@code Device} object; absent fields are omitted. */
    public record Device(String deviceId, String displayName, String lastSeenIp, Long lastSeenTs) {
    }

    private GetDevices() {
    }
}
