package dev.parley.http.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.api.client.PostReceipt;
import dev.parley.api.client.SetReadMarker;
import dev.parley.api.client.SetTyping;
import dev.parley.core.error.ErrCode;
import dev.parley.core.error.MatrixException;
import dev.parley.core.id.EventId;
import dev.parley.core.id.RoomId;
import dev.parley.core.id.UserId;
import dev.parley.http.RequestContext;
import dev.parley.http.Route;
import dev.parley.service.edu.Receipts;
import dev.parley.service.edu.TypingNotifications;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Typing notifications, receipts and read markers: the per-room ephemeral endpoints. */
public final class EphemeralRoutes {
    /** Used when a client says it is typing without a timeout. */
    private static final long DEFAULT_TYPING_TIMEOUT_MS = 30_000;

    private EphemeralRoutes() {
    }

    public static List<Route> routes(TypingNotifications typing, Receipts receipts) {
        return List.of(
                new Route(SetTyping.ENDPOINT, request -> {
                    ObjectNode body = request.jsonBody();
                    JsonNode isTyping = body.get("typing");
                    if (isTyping == null || isTyping.isNull()) {
                        throw new MatrixException(ErrCode.MISSING_PARAM, "Missing typing");
                    }
                    if (!isTyping.isBoolean()) {
                        throw MatrixException.badJson("typing must be a boolean");
                    }
                    JsonNode timeout = body.get("timeout");
                    if (timeout != null && !timeout.isNull() && !timeout.isIntegralNumber()) {
                        throw MatrixException.badJson("timeout must be an integer");
                    }
                    long ms = timeout == null || timeout.isNull() ? DEFAULT_TYPING_TIMEOUT_MS : timeout.asLong();
                    typing.set(user(request), UserId.parse(request.pathParam("userId")), room(request),
                            isTyping.asBoolean(), ms);
                    return Map.of();
                }),
                new Route(PostReceipt.ENDPOINT, request -> {
                    JsonNode thread = request.jsonBody().get("thread_id");
                    if (thread != null && !thread.isTextual()) {
                        throw MatrixException.invalidParam("thread_id field must be a non-empty string");
                    }
                    receipts.post(user(request), room(request), request.pathParam("receiptType"),
                            EventId.parse(request.pathParam("eventId")),
                            Optional.ofNullable(thread).map(JsonNode::asText));
                    return Map.of();
                }),
                new Route(SetReadMarker.ENDPOINT, request -> {
                    ObjectNode body = request.jsonBody();
                    receipts.setReadMarkers(user(request), room(request), eventId(body, Receipts.FULLY_READ),
                            eventId(body, Receipts.READ), eventId(body, Receipts.READ_PRIVATE));
                    return Map.of();
                }));
    }

    private static Optional<EventId> eventId(ObjectNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw MatrixException.badJson(field + " must be an event ID");
        }
        return Optional.of(EventId.parse(value.asText()));
    }

    private static UserId user(RequestContext request) {
        return UserId.parse(request.requester().userId());
    }

    private static RoomId room(RequestContext request) {
        return RoomId.parse(request.pathParam("roomId"));
    }
}
