package dev.parley.api.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.api.Endpoint;
import dev.parley.api.Endpoint.Auth;
import dev.parley.api.Endpoint.Method;
import java.util.List;

/** {@code GET /_matrix/client/v3/rooms/{roomId}/messages} — Client-Server API, "Getting events for a room" ({@code getRoomEvents}). */
public final class GetRoomEvents {
    public static final Endpoint ENDPOINT = Endpoint.client(Method.GET, "/v3/rooms/{roomId}/messages", Auth.REQUIRED).allowingGuests();

    /** {@code end} and {@code state} are null (absent) when there is none. */
    public record Response(String start, String end, List<ObjectNode> chunk, List<ObjectNode> state) {
    }

    private GetRoomEvents() {
    }
}
