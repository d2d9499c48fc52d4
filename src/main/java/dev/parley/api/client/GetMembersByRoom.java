package dev.parley.api.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.api.Endpoint;
import dev.parley.api.Endpoint.Auth;
import dev.parley.api.Endpoint.Method;
import java.util.List;

/** {@code GET /_matrix/client/v3/rooms/{roomId}/members} — Client-Server API, "Getting events for a room". */
public final class GetMembersByRoom {
    public static final Endpoint ENDPOINT = Endpoint.client(Method.GET, "/v3/rooms/{roomId}/members", Auth.REQUIRED).allowingGuests();

    public record Response(List<ObjectNode> chunk) {
    }

    private GetMembersByRoom() {
    }
}
