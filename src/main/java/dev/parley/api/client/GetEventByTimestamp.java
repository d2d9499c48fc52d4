package dev.parley.api.client;

import dev.parley.api.Endpoint;
import dev.parley.api.Endpoint.Auth;
import dev.parley.api.Endpoint.Method;

/** {@code GET /_matrix/client/v1/rooms/{roomId}/timestamp_to_event} — Client-Server API, "Getting events for a room" ({@code getEventByTimestamp}, v1.6). */
public final class GetEventByTimestamp {
    public static final Endpoint ENDPOINT = Endpoint.client(Method.GET, "/v1/rooms/{roomId}/timestamp_to_event", Auth.REQUIRED);

    public record Response(String eventId, long originServerTs) {
    }

    private GetEventByTimestamp() {
    }
}
