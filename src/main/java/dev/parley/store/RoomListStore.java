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
     * @param latest the stream ordering of the room's newest event up to the position asked about
     *     (how recently it moved), 0 when it has none
     */
    record UserRoom(RoomId roomId, String membership, long position, UserId sender, long latest) {
    }

    /**
     * Every room whose current state holds a membership event for the user, whatever the
     * membership, with its newest event up to {@code upTo}: one query, however many rooms.
     */
    List<UserRoom> userRooms(UserId user, long upTo);

    /**
     * The stream ordering of each room's newest event of {@code types} up to {@code upTo}; rooms
     * without are absent. One index seek per room, not a scan of their events.
     */
    Map<RoomId, Long> latestPositionsOfTypes(Collection<RoomId> rooms, Set<String> types, long upTo);

    /**
     * A room's member counts from its current state, and its first members by user ID.
     *
     * @param heroes up to the asked number of joined or invited members other than the user,
     *     ordered by user ID (code point order), with their membership events
     */
    record MemberSummary(long joined, long invited, Map<UserId, EventId> heroes) {
        public static final MemberSummary EMPTY = new MemberSummary(0, 0, Map.of());
    }

    /** {@link MemberSummary} of each of {@code rooms} that has joined or invited members. */
    Map<RoomId, MemberSummary> memberSummaries(UserId user, Collection<RoomId> rooms, int heroes);

    /** The current state entries of {@code types} in each of {@code rooms}. */
    Map<RoomId, Map<StateKey, EventId>> currentStateOfTypes(Collection<RoomId> rooms, Set<String> types);

    /**
     * Per room, the events of {@code types} that others sent after both the user's newest
     * unthreaded read receipt (public or private) and the user's own newest event: a notification
     * count under the default push rules, before push rules are evaluated per event, counting
     * events up to position {@code upTo}. Rooms with none are absent.
     */
    Map<RoomId, Long> unreadCounts(UserId user, Collection<RoomId> rooms, Set<String> types, long upTo);

    /** Per room, the position of the user's newest unthreaded read receipt (public or private); rooms without are absent. */
    Map<RoomId, Long> readReceiptPositions(UserId user, Collection<RoomId> rooms);

    /** {@link #unreadCounts} and {@link #readReceiptPositions} of the same rooms, read together. */
    record Unread(Map<RoomId, Long> counts, Map<RoomId, Long> receipts) {
    }

    Unread unreadWithReceipts(UserId user, Collection<RoomId> rooms, Set<String> types, long upTo);

    /** An event as an unread count sees it. */
    record EventBrief(RoomId roomId, long position, UserId sender, String type, boolean state) {
    }

    /** The events of {@code rooms} in ({@code after}, {@code upTo}], in stream order. */
    List<EventBrief> eventsBetween(Collection<RoomId> rooms, long after, long upTo);
}
