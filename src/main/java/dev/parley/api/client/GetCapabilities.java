package dev.parley.api.client;

import dev.parley.api.Endpoint;
import dev.parley.api.Endpoint.Auth;
import dev.parley.api.Endpoint.Method;
import java.util.Map;

/** {@code GET /_matrix/client/v3/capabilities} — Client-Server API, "Capabilities negotiation". */
public final class GetCapabilities {
    public static final Endpoint ENDPOINT = Endpoint.client(Method.GET, "/v3/capabilities", Auth.REQUIRED).allowingGuests();

    public record Response(Map<String, Object> capabilities) {
    }

    private GetCapabilities() {
    }
}
