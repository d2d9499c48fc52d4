package dev.parley.api.client;

import dev.parley.api.Endpoint;
import dev.parley.api.Endpoint.Auth;
import dev.parley.api.Endpoint.Method;
import java.util.Map;

/** {@code GET /_matrix/client/v3/rooms/{roomId}/joined_members} — Client-Server API, "Getting events for a room". */
public final class GetJoinedMembersByRoom {
    public static final Endpoint ENDPOINT = Endpoint.client(Method.GET, "/v3/rooms/{roomId}/joined_members", Auth.REQUIRED);

    public record Response(Map<String, Map<String, String>> joined) {
    }

    private GetJoinedMembersByRoom() {
    }
}
