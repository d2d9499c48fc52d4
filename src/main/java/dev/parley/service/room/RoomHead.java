package dev.parley.service.room;

import dev.parley.core.auth.StateKey;
import dev.parley.core.event.Pdu;
import dev.parley.core.id.EventId;
import dev.parley.store.RoomRow;
import dev.parley.store.RoomStore;
import dev.parley.store.StoredEvent;
import dev.parley.store.WriteChain;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A room's head as the next local event is built from it: its current state, its forward
 * extremities with their state groups, and the writes still on their way to disk. It is the
 * database's view plus every event queued after it, so the next event can be built while the
 * previous one commits (its prev_event and state are not read back from the database). Only
 * touched under the room's lock. When a write of the room fails, the head is dropped and read
 * again from the database, which then holds everything that was committed and nothing else.
 */
final class RoomHead {
    /** Auth events and other state events loaded for the authorization rules; bounded per room. */
    private static final int MAX_CACHED_PDUS = 256;

    final RoomRow room;
    final WriteChain chain = new WriteChain();
    private final Map<StateKey, EventId> state;
    private List<StoredEvent> extremities;
    private final Map<EventId, Pdu> pdus = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<EventId, Pdu> eldest) {
            return size() > MAX_CACHED_PDUS;
        }
    };
    /** State events queued but maybe not durable yet: the database cannot give them back until they are. */
    private final Map<EventId, Pdu> queuedState = new ConcurrentHashMap<>();
    /** Sends of a device's transaction still being written, so a retry waits for the first. */
    final Map<TransactionKey, CompletableFuture<StoredEvent>> pendingTransactions = new ConcurrentHashMap<>();
    /** Completes once the listeners heard of the last queued event: the next one is told after it. */
    CompletableFuture<Void> lastNotified = CompletableFuture.completedFuture(null);
    /** When an event was last built from this head ({@link System#nanoTime}), for {@link RoomHeads}' eviction. */
    volatile long lastUsed;

    /** A device's transaction, as the spec scopes idempotent sends (the timestamp is not part of it). */
    record TransactionKey(String userId, String deviceId, String txnId) {
    }

    private RoomHead(RoomRow room, Map<StateKey, EventId> state, List<StoredEvent> extremities) {
        this.room = room;
        this.state = new HashMap<>(state);
        this.extremities = List.copyOf(extremities);
    }

    /** A room with no events yet: its create event is about to be queued. */
    static RoomHead empty(RoomRow room) {
        return new RoomHead(room, Map.of(), List.of());
    }

    /** The head as the database has it. Only valid while no write of the room is in flight. */
    static RoomHead load(RoomStore store, RoomRow room) {
        List<EventId> ids = store.forwardExtremities(room.roomId());
        List<StoredEvent> extremities = new ArrayList<>(store.events(ids));
        extremities.sort(Comparator.comparing((StoredEvent e) -> e.pdu().eventId().value()));
        return new RoomHead(room, store.currentState(room.roomId()), extremities);
    }

    /** No write built on this head is in flight: dropping it loses nothing the database lacks. */
    boolean isIdle() {
        return lastNotified.isDone() && pendingTransactions.isEmpty() && queuedState.isEmpty();
    }

    /** The current state, read-only. */
    Map<StateKey, EventId> state() {
        return Collections.unmodifiableMap(state);
    }

    /** The newest events of the room, at most {@code limit}, to be the next event's prev_events. */
    List<StoredEvent> extremities(int limit) {
        return extremities.subList(0, Math.min(limit, extremities.size()));
    }

    /** A state event of the room, from memory when it was loaded or queued lately, else from the store. */
    Pdu stateEvent(RoomStore store, EventId id) {
        Pdu queued = queuedState.get(id);
        if (queued != null) {
            return queued;
        }
        return pdus.computeIfAbsent(id, missing -> store.event(missing).map(StoredEvent::pdu)
                .orElseThrow(() -> new IllegalStateException("state event " + missing + " is not stored")));
    }

    /** The event is durable (or failed): from now on the store answers for it. */
    void written(Pdu pdu) {
        queuedState.remove(pdu.eventId());
    }

    /** Moves the head past {@code event}, as persisting it will move the database. */
    void advance(StoredEvent event) {
        Pdu pdu = event.pdu();
        Set<EventId> replaced = new HashSet<>(pdu.prevEvents());
        List<StoredEvent> next = new ArrayList<>();
        next.add(event);
        for (StoredEvent e : extremities) {
            if (!replaced.contains(e.pdu().eventId())) {
                next.add(e);
            }
        }
        extremities = List.copyOf(next);
        if (pdu.isState()) {
            StateKey key = new StateKey(pdu.type(), pdu.stateKey());
            state.put(key, pdu.eventId());
            queuedState.put(pdu.eventId(), pdu);
        }
    }
}
