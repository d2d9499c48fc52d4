package dev.parley.store;

import dev.parley.core.auth.StateKey;
import dev.parley.core.id.EventId;
import dev.parley.core.id.RoomId;
import dev.parley.core.id.UserId;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Rooms and their event graphs: events, edges, state snapshots, current state, extremities. */
public interface RoomStore {
    /** @return false when the room already exists */
    boolean createRoom(RoomRow room);

    Optional<RoomRow> room(RoomId roomId);

    Optional<StoredEvent> event(EventId eventId);

    /** The events found among {@code eventIds}, in no particular order. */
    List<StoredEvent> events(Collection<EventId> eventIds);

    List<EventId> forwardExtremities(RoomId roomId);

    Map<StateKey, EventId> currentState(RoomId roomId);

    /** One entry of the current state. */
    Optional<EventId> currentStateEvent(RoomId roomId, StateKey key);

    /** The full state a state group stands for. */
    Map<StateKey, EventId> stateGroup(long groupId);

    /** The event a device's earlier send with this transaction ID produced, if any. */
    Optional<EventId> transaction(String userId, String deviceId, String txnId);

    /**
     * Persists an authorised event in one transaction: the event and its edges, its state group,
     * the current state, the forward extremities (its prev_events are replaced by it) and the
     * transaction ID.
     */
    void persist(NewEvent event);

    /** Rooms in which the user's current membership is {@code membership} (e.g. "join"). */
    List<RoomId> roomsWithMembership(UserId userId, String membership);

    /**
     * The room's events with stream ordering in ({@code after}, {@code upTo}], oldest first: the
     * newest {@code limit + 1} of them, so the caller can tell whether more came before.
     */
    List<StoredEvent> recentEvents(RoomId roomId, long after, long upTo, int limit);

    /** A change of one user's membership, as a position on the event stream. */
    record MembershipChange(RoomId roomId, String membership, long streamOrdering) {
    }

    /** The user's membership events with stream ordering in ({@code after}, {@code upTo}], oldest first. */
    List<MembershipChange> membershipChanges(UserId userId, long after, long upTo);

    /** Highest stream ordering and state group id in use, to continue counting after a restart. */
    long maxStreamOrdering();

    long maxStateGroup();
}
