package dev.parley.api.client;

import dev.parley.api.Endpoint;
import dev.parley.api.Endpoint.Auth;
import dev.parley.api.Endpoint.Method;
import java.util.List;

/**
 * {@code GET /_matrix/client/v3/voip/turnServer} — Client-Server API, "Voice over IP": obtain TURN
 * server credentials.
 * <p>Guests may call it (a deliberate addition to the spec's guest list, switchable with
 * {@code voip.turn_allow_guests}): a guest invited to a call needs a relay as much as anyone.
 */
public final class GetTurnServer {
    public static final Endpoint ENDPOINT = Endpoint.client(Method.GET, "/v3/voip/turnServer", Auth.REQUIRED)
            .allowingGuests();

    /** @param ttl seconds the credentials stay valid */
    public record Response(String username, String password, List<String> uris, long ttl) {
    }

    private GetTurnServer() {
    }
}
