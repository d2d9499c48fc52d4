package dev.parley.store;

import dev.parley.core.id.EventId;
import dev.parley.core.id.RoomId;
import dev.parley.core.id.UserId;
import java.util.List;

/** Who is in a room, and which rooms users have forgotten (Client-Server API, "Leaving rooms"). */
public interface RoomMemberStore {
    /** Users whose current membership in the room is {@code join}, ordered by user ID. */
    List<UserId> joinedMembers(RoomId roomId);

    /** The rooms where the user's current membership is {@code join}, ordered by room ID. */
    List<RoomId> joinedRooms(UserId userId);

    /**
     * Marks the room forgotten for the user as of their membership event {@code membershipEvent}
     * (their current leave or ban). A later membership event ends the mark by itself.
     */
    void forget(UserId userId, RoomId roomId, EventId membershipEvent);

    /** Whether the user forgot the room and their membership has not changed since. */
    boolean isForgotten(UserId userId, RoomId roomId);

    /** The rooms the user has forgotten and not re-joined, been re-invited to or knocked on since. */
    List<RoomId> forgottenRooms(UserId userId);
}
