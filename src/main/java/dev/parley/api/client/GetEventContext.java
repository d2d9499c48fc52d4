package dev.parley.api.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.api.Endpoint;
import dev.parley.api.Endpoint.Auth;
import dev.parley.api.Endpoint.Method;
import java.util.List;

/** {@code GET /_matrix/client/v3/rooms/{roomId}/context/{eventId}} — Client-Server API, "Getting events for a room" ({@code getEventContext}). */
public final class GetEventContext {
    public static final Endpoint ENDPOINT = Endpoint.client(Method.GET, "/v3/rooms/{roomId}/context/{eventId}", Auth.REQUIRED).allowingGuests();

    public record Response(String start, String end, List<ObjectNode> eventsBefore, ObjectNode event,
                           List<ObjectNode> eventsAfter, List<ObjectNode> state) {
    }

    private GetEventContext() {
    }
}
