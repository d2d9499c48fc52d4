package dev.parley.api.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.api.Endpoint;
import dev.parley.api.Endpoint.Auth;
import dev.parley.api.Endpoint.Method;
import java.util.List;

/**
 * {@code GET /_matrix/client/v3/rooms/{roomId}/initialSync} — Client-Server API, "Room Previews"
 * ({@code roomInitialSync}): a snapshot of one room, which guests may take too ("Guest access").
 */
public final class RoomInitialSync {
    public static final Endpoint ENDPOINT = Endpoint.client(Method.GET, "/v3/rooms/{roomId}/initialSync", Auth.REQUIRED)
            .allowingGuests();

    /** {@code start} is absent when no earlier events are available. */
    public record Messages(String start, String end, List<ObjectNode> chunk) {
    }

    /**
     * The spec's {@code RoomInfo}, with the {@code presence} and {@code receipts} Synapse adds;
     * {@code membership} is absent for a user who has none of the spec's values.
     */
    public record Response(String roomId, String membership, Messages messages, List<ObjectNode> state,
                           List<ObjectNode> presence, List<ObjectNode> receipts, String visibility,
                           List<ObjectNode> accountData) {
    }

    private RoomInitialSync() {
    }
}
