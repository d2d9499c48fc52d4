package dev.parley.api.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.api.Endpoint;
import dev.parley.api.Endpoint.Auth;
import dev.parley.api.Endpoint.Method;
import java.util.List;

/** {@code GET /_matrix/client/v1/rooms/{roomId}/hierarchy} — Client-Server API, "Spaces" ({@code getSpaceHierarchy}). */
public final class GetSpaceHierarchy {
    public static final Endpoint ENDPOINT = Endpoint.client(Method.GET, "/v1/rooms/{roomId}/hierarchy", Auth.REQUIRED);

    /** {@code next_batch} is null (absent) on the last page. */
    public record Response(List<Room> rooms, String nextBatch) {
    }

    /** A {@code SpaceHierarchyRoomsChunk} ({@code definitions/room_summary.yaml} plus {@code children_state}); absent fields are null. */
    public record Room(String roomId, String name, String topic, String canonicalAlias, String avatarUrl,
                       long numJoinedMembers, boolean worldReadable, boolean guestCanJoin, String joinRule, String roomType,
                       List<ObjectNode> childrenState, List<String> allowedRoomIds, String encryption, String roomVersion) {
    }

    private GetSpaceHierarchy() {
    }
}
