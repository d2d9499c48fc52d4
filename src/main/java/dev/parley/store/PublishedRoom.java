package dev.parley.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.id.RoomId;
import java.util.List;
import java.util.Map;

/**
 * A room in the published directory: the contents of its directory-relevant state events
 * (keyed by event type; absent types have no entry) and how many users are joined.
 */
public record PublishedRoom(RoomId roomId, long joinedMembers, Map<String, ObjectNode> state) {
    /** The state events a directory entry is built from, all with the empty state key. */
    public static final List<String> STATE_TYPES = List.of("m.room.create", "m.room.name", "m.room.topic",
            "m.room.canonical_alias", "m.room.avatar", "m.room.join_rules", "m.room.history_visibility",
            "m.room.guest_access");

    public PublishedRoom {
        state = Map.copyOf(state);
    }
}
