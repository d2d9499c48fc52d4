package dev.parley.store.jdbc;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.parley.core.id.RoomId;
import dev.parley.store.StoredEvent;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The newest events of each room written since start, kept from the commit that stored them, so
 * that a woken {@code /sync} (every member of the room asks at once for the same few events)
 * reads its timeline and its unread catch-up from memory instead of the database.
 *
 * <p>Each room keeps a ring of its last {@value #PER_ROOM} events and the position after which it
 * holds <em>every</em> event of the room: the position before the first event it saw, moved up
 * as old events drop out. Complete because a room's events commit in stream order (the pipeline
 * allocates positions and queues writes under the room's lock, and the writes of a room are one
 * chain), are appended right after their commit, and count as persisted only after that; so a
 * reader that reads up to the persisted position finds every event of the room at or below it.
 *
 * <p>Coherent with redactions by forgetting: when an event of the room is pruned (a redaction
 * arrived, or an event was stored already pruned) the room's ring is dropped, and the next event
 * starts a new one. A question the ring cannot answer completely answers {@code empty}, and the
 * caller reads the database.
 *
 * <p>One per database, shared by the stores that read events ({@link JdbcRoomStore},
 * {@link JdbcRoomListStore}); bounded by an estimate of the parsed events' size, as
 * {@link ParsedEvents} is.
 */
public final class RecentRoomEvents {
    static final int PER_ROOM = 32;
    static final long MAX_BYTES = 48L * 1024 * 1024;

    /** {@code events} in stream order; every event of the room above {@code coveredAfter} is among them. */
    private record Ring(long coveredAfter, StoredEvent[] events, int[] weights, long weight) {
        Ring plus(StoredEvent event, int eventWeight) {
            int keep = Math.min(events.length, PER_ROOM - 1);
            int drop = events.length - keep;
            StoredEvent[] more = Arrays.copyOfRange(events, drop, events.length + 1);
            int[] moreWeights = Arrays.copyOfRange(weights, drop, weights.length + 1);
            more[keep] = event;
            moreWeights[keep] = eventWeight;
            long dropped = 0;
            for (int i = 0; i < drop; i++) {
                dropped += weights[i];
            }
            long covered = drop == 0 ? coveredAfter : events[drop - 1].streamOrdering();
            return new Ring(covered, more, moreWeights, weight - dropped + eventWeight);
        }

        long newest() {
            return events[events.length - 1].streamOrdering();
        }
    }

    /** Upkeep on the caller's thread, as in {@link ParsedEvents}: every commit of an event updates a ring. */
    private final Cache<RoomId, Ring> rings = Caffeine.newBuilder()
            .executor(Runnable::run)
            .maximumWeight(MAX_BYTES)
            .<RoomId, Ring>weigher((room, ring) -> (int) Math.min(Integer.MAX_VALUE, ring.weight()))
            .build();

    /** After the commit that stored {@code event} unpruned, in the room's commit order. */
    void appended(StoredEvent event, int jsonChars) {
        int eventWeight = (int) Math.min(Integer.MAX_VALUE, (long) jsonChars * ParsedEvents.BYTES_PER_CHAR);
        rings.asMap().compute(event.pdu().roomId(), (room, ring) ->
                ring == null || ring.newest() >= event.streamOrdering()
                        // The first event seen (or, defensively, one out of order): a new ring that vouches for itself only.
                        ? new Ring(event.streamOrdering() - 1, new StoredEvent[] {event}, new int[] {eventWeight}, eventWeight)
                        : ring.plus(event, eventWeight));
    }

    /** An event of the room changed or was stored pruned: what the ring holds may be stale. */
    void forget(RoomId room) {
        rings.invalidate(room);
    }

    /**
     * The newest {@code count} events of {@code room} in ({@code after}, {@code upTo}], oldest
     * first (fewer if the room has fewer); empty when the ring cannot tell.
     */
    Optional<List<StoredEvent>> newest(RoomId room, long after, long upTo, int count) {
        Ring ring = rings.getIfPresent(room);
        if (ring == null) {
            return Optional.empty();
        }
        StoredEvent[] events = ring.events();
        int end = events.length;
        while (end > 0 && events[end - 1].streamOrdering() > upTo) {
            end--;
        }
        int start = end;
        while (start > 0 && end - start < count && events[start - 1].streamOrdering() > after) {
            start--;
        }
        // Short of count only because an older event of the ring lies at or below after, or
        // because the ring starts there: then nothing in range is missing.
        boolean complete = end - start == count || start > 0 || ring.coveredAfter() <= after;
        return complete ? Optional.of(List.of(events).subList(start, end)) : Optional.empty();
    }

    /** Every event of {@code room} in ({@code after}, {@code upTo}], oldest first; empty when the ring cannot tell. */
    Optional<List<StoredEvent>> between(RoomId room, long after, long upTo) {
        return newest(room, after, upTo, Integer.MAX_VALUE);
    }
}
