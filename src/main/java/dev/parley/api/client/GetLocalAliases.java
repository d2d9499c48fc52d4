package dev.parley.api.client;

import dev.parley.api.Endpoint;
import dev.parley.api.Endpoint.Auth;
import dev.parley.api.Endpoint.Method;
import java.util.List;

/** {@code GET /_matrix/client/v3/rooms/{roomId}/aliases} — Client-Server API, "Room aliases" (operation getLocalAliases). */
public final class GetLocalAliases {
    public static final Endpoint ENDPOINT = Endpoint.client(Method.GET, "/v3/rooms/{roomId}/aliases", Auth.REQUIRED);

    public record Response(List<String> aliases) {
    }

    private GetLocalAliases() {
    }
}
