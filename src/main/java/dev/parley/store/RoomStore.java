package dev.parley.store;

import dev.parley.core.auth.StateKey;
import dev.parley.core.id.EventId;
import dev.parley.core.id.RoomId;
import dev.parley.core.id.UserId;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

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

    /** Up to {@code limit} transaction IDs a device has sent events with, in no particular order. */
    List<String> transactionIds(String userId, String deviceId, int limit);

    /**
     * Persists an authorised event in one transaction: the event and its edges, its state group,
     * the current state, the forward extremities (its prev_events are replaced by it), the
     * transaction ID and its {@code m.relates_to}. An {@code m.room.redaction} is applied in the
     * same transaction: the target's json is pruned by its room version's redaction algorithm,
     * its {@code redacted_by} set and its relation dropped; a target stored later is pruned when
     * it arrives. So callers persist only redactions they have decided to honour.
     */
    void persist(NewEvent event);

    /**
     * {@link #persist} without waiting: the future completes once the event is durable (or the
     * write failed and left nothing behind). Events queued on one chain are written in the order
     * they were queued, and a failure fails the rest of the chain unwritten (see {@link WriteChain}).
     */
    CompletableFuture<Void> persistQueued(WriteChain chain, NewEvent event);

    /**
     * Room events at or before the topological position {@code (depth, stream)}, newest first
     * (ordered by depth, then stream ordering).
     */
    List<StoredEvent> eventsBefore(RoomId roomId, long depth, long stream, int limit);

    /** Room events after the topological position {@code (depth, stream)}, oldest first. */
    List<StoredEvent> eventsAfter(RoomId roomId, long depth, long stream, int limit);

    /** The highest depth among the room's events with a stream ordering up to {@code stream}; 0 if none. */
    long maxDepthUpTo(RoomId roomId, long stream);

    /**
     * Room events by {@code origin_server_ts}: from {@code ts} on, oldest first ({@code forward}),
     * or up to {@code ts}, newest first.
     */
    List<StoredEvent> eventsByTimestamp(RoomId roomId, long ts, boolean forward, int limit);

    /** Every {@code m.room.member} event about {@code user} in the room, in stream order. */
    List<StoredEvent> memberEvents(RoomId roomId, UserId user);

    /**
     * Events of the room whose stored {@code m.relates_to} points at one of {@code parents},
     * optionally only of a relation type and event type, paginated like {@link #eventsBefore}
     * ({@code forward} false) or {@link #eventsAfter} ({@code forward} true).
     */
    List<StoredEvent> relatedEvents(RoomId roomId, Collection<EventId> parents, Optional<String> relType,
                                    Optional<String> eventType, long depth, long stream, boolean forward, int limit);

    /** The IDs of all events related to one of {@code parents}, filtered as {@link #relatedEvents}. */
    List<EventId> relatedEventIds(RoomId roomId, Collection<EventId> parents, Optional<String> relType,
                                  Optional<String> eventType);

    /** A thread root and the stream ordering of the latest event in its thread. */
    record ThreadActivity(EventId root, long latestStream) {
    }

    /**
     * The room's thread roots (events with {@code m.thread} children) whose latest thread event
     * has a stream ordering up to {@code upTo}, most recently active first; with
     * {@code participant}, only threads that user started or replied in.
     */
    List<ThreadActivity> threadRoots(RoomId roomId, Optional<UserId> participant, long upTo, int limit);

    /** Rooms in which the user's current membership is {@code membership} (e.g. "join"). */
    List<RoomId> roomsWithMembership(UserId userId, String membership);

    /**
     * The room's events with stream ordering in ({@code after}, {@code upTo}], oldest first: the
     * newest {@code limit + 1} of them, so the caller can tell whether more came before.
     */
    List<StoredEvent> recentEvents(RoomId roomId, long after, long upTo, int limit);

    /** {@link #recentEvents(RoomId, long, long, int)} for many rooms at once; rooms without such events are absent. */
    Map<RoomId, List<StoredEvent>> recentEvents(Collection<RoomId> roomIds, long after, long upTo, int limit);

    /** {@link #stateGroup} for many groups at once, sharing the reads of common chain links. */
    Map<Long, Map<StateKey, EventId>> stateGroups(Collection<Long> groupIds);

    /** Those of {@code events} that some stored event relates to ({@code m.relates_to}). */
    Set<EventId> parentsWithRelations(Collection<StoredEvent> events);

    /** A change of one user's membership, as a position on the event stream. */
    record MembershipChange(RoomId roomId, String membership, long streamOrdering) {
    }

    /** The user's membership events with stream ordering in ({@code after}, {@code upTo}], oldest first. */
    List<MembershipChange> membershipChanges(UserId userId, long after, long upTo);

    /** Highest stream ordering and state group id in use, to continue counting after a restart. */
    long maxStreamOrdering();

    long maxStateGroup();
}
