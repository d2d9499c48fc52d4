package dev.parley.api.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.api.Endpoint;
import dev.parley.api.Endpoint.Auth;
import dev.parley.api.Endpoint.Method;
import java.util.List;

/**
 * {@code GET /_matrix/client/v1/rooms/{roomId}/relations/{eventId}} and its {@code /{relType}} and
 * {@code /{relType}/{eventType}} forms — Client-Server API, "Relationships API"
 * ({@code getRelatingEvents}, {@code getRelatingEventsWithRelType},
 * {@code getRelatingEventsWithRelTypeAndEventType}).
 */
public final class GetRelatingEvents {
    public static final Endpoint ENDPOINT = Endpoint.client(Method.GET, "/v1/rooms/{roomId}/relations/{eventId}", Auth.REQUIRED);
    public static final Endpoint WITH_REL_TYPE =
            Endpoint.client(Method.GET, "/v1/rooms/{roomId}/relations/{eventId}/{relType}", Auth.REQUIRED);
    public static final Endpoint WITH_REL_TYPE_AND_EVENT_TYPE =
            Endpoint.client(Method.GET, "/v1/rooms/{roomId}/relations/{eventId}/{relType}/{eventType}", Auth.REQUIRED);

    /** {@code next_batch}, {@code prev_batch} and {@code recursion_depth} are null (absent) when there is none. */
    public record Response(List<ObjectNode> chunk, String nextBatch, String prevBatch, Integer recursionDepth) {
    }

    private GetRelatingEvents() {
    }
}
