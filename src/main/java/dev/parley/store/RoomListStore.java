package dev.parley.store;

import dev.parley.core.auth.StateKey;
import dev.parley.core.id.EventId;
import dev.parley.core.id.RoomId;
import dev.parley.core.id.UserId;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Batch reads over many rooms at once, for room lists (sliding sync) and sync sections: one query
 * per question instead of one per room.
 */
public interface RoomListStore {
    /**
     * A room in which the user has a membership event in the current state.
     *
     * @param position the stream ordering of that membership event
     * @param sender who sent it (a leave sent by someone else is a kick)
     */
    record UserRoom(RoomId roomId, String membership, long position, UserId sender) {
    }

    /** Every room whose current state holds a membership event for the user, whatever the membership. */
    List<UserRoom> userRooms(UserId user);

    /**
     * How recently each room moved.
     *
     * @param latest the stream ordering of the room's newest event
     * @param latestOfTypes that of its newest event among the asked types; 0 if none
     */
    record Activity(long latest, long latestOfTypes) {
    }

    /** The activity of each of {@code rooms} that has events, counting events up to stream ordering {@code upTo}. */
    Map<RoomId, Activity> activity(Collection<RoomId> rooms, Set<String> types, long upTo);

    /** The current state entries of {@code types} in each of {@code rooms}. */
    Map<RoomId, Map<StateKey, EventId>> currentStateOfTypes(Collection<RoomId> rooms, Set<String> types);

    /**
     * Per room, the events of {@code types} that others sent after both the user's newest
     * unthreaded read receipt (public or private) and the user's own newest event: a notification
     * count under the default push rules, before push rules are evaluated per event. Rooms with
     * none are absent.
     */
    Map<RoomId, Long> unreadCounts(UserId user, Collection<RoomId> rooms, Set<String> types);
}
