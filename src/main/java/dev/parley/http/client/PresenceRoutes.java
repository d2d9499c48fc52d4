package dev.parley.http.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.api.client.GetPresence;
import dev.parley.api.client.SetPresence;
import dev.parley.core.error.ErrCode;
import dev.parley.core.error.MatrixException;
import dev.parley.core.id.UserId;
import dev.parley.http.RequestContext;
import dev.parley.http.Route;
import dev.parley.service.edu.Presence;
import dev.parley.service.edu.PresenceState;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code GET} and {@code PUT /presence/{userId}/status}. */
public final class PresenceRoutes {
    private PresenceRoutes() {
    }

    public static List<Route> routes(Presence presence) {
        return List.of(
                new Route(SetPresence.ENDPOINT, request -> {
                    ObjectNode body = request.jsonBody();
                    JsonNode state = body.get("presence");
                    if (state == null || state.isNull()) {
                        throw new MatrixException(ErrCode.MISSING_PARAM, "Missing presence");
                    }
                    if (!state.isTextual()) {
                        throw MatrixException.badJson("presence must be a string");
                    }
                    JsonNode message = body.get("status_msg");
                    if (message != null && !message.isNull() && !message.isTextual()) {
                        throw MatrixException.badJson("status_msg must be a string");
                    }
                    presence.set(user(request), target(request), PresenceState.parse(state.asText()),
                            Optional.ofNullable(message).filter(JsonNode::isTextual).map(JsonNode::asText));
                    return Map.of();
                }),
                new Route(GetPresence.ENDPOINT, request -> {
                    Presence.Status status = presence.get(user(request), target(request));
                    return new GetPresence.Response(status.presence().wire(), status.lastActiveAgo().orElse(null),
                            status.statusMsg().orElse(null), status.currentlyActive().orElse(null));
                }));
    }

    private static UserId user(RequestContext request) {
        return UserId.parse(request.requester().userId());
    }

    private static UserId target(RequestContext request) {
        return UserId.parse(request.pathParam("userId"));
    }
}
