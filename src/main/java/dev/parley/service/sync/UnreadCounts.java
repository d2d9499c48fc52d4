package dev.parley.service.sync;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.parley.core.id.RoomId;
import dev.parley.core.id.UserId;
import dev.parley.store.RoomListStore;
import dev.parley.store.RoomListStore.EventBrief;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code unread_notifications} count of a user's rooms (others' messages after the user's
 * read receipt and own newest event, {@link RoomListStore#unreadCounts}), kept up to date
 * incrementally. Every woken {@code /sync} of every member asks for it, so recounting a room's
 * unread messages each time made delivery cost grow with the backlog; instead a count is taken once
 * per (user, room) and read receipt, and later only the room's new events are looked at. A new
 * read receipt, or a count older than the position asked about, means counting afresh.
 */
public final class UnreadCounts {
    /** Event types whose unread instances count as notifications until push rules are evaluated. */
    static final Set<String> NOTIFYING_TYPES = Set.of("m.room.message", "m.room.encrypted", "m.sticker");
    /** About 100 bytes an entry: some 10 MB at most. */
    private static final long MAX_ENTRIES = 100_000;

    private record Key(UserId user, RoomId room) {
    }

    /** The count of events up to {@code countedUpTo}, given the read receipt at {@code readUpTo}. */
    private record Entry(long readUpTo, long countedUpTo, long count) {
    }

    private final RoomListStore store;
    private final Cache<Key, Entry> cache = Caffeine.newBuilder().maximumSize(MAX_ENTRIES).build();

    public UnreadCounts(RoomListStore store) {
        this.store = store;
    }

    /** Each room's count of unread notifying events up to position {@code upTo}; rooms with none are absent. */
    public Map<RoomId, Long> counts(UserId user, Collection<RoomId> rooms, long upTo) {
        if (rooms.isEmpty()) {
            return Map.of();
        }
        Map<RoomId, Long> receipts = store.readReceiptPositions(user, rooms);
        List<RoomId> recount = new ArrayList<>();
        Map<RoomId, Entry> known = new HashMap<>();
        for (RoomId room : rooms) {
            Entry entry = cache.getIfPresent(new Key(user, room));
            if (entry == null || entry.readUpTo() != receipts.getOrDefault(room, 0L) || entry.countedUpTo() > upTo) {
                recount.add(room);
            } else {
                known.put(room, entry);
            }
        }
        Map<RoomId, Long> out = new HashMap<>();
        if (!recount.isEmpty()) {
            Map<RoomId, Long> counted = store.unreadCounts(user, recount, NOTIFYING_TYPES, upTo);
            for (RoomId room : recount) {
                keep(user, room, new Entry(receipts.getOrDefault(room, 0L), upTo, counted.getOrDefault(room, 0L)), out);
            }
        }
        if (!known.isEmpty()) {
            catchUp(user, known, upTo);
            known.forEach((room, entry) -> keep(user, room, entry, out));
        }
        return out;
    }

    /** Moves each entry on to {@code upTo} through the rooms' events since it was counted, in stream order. */
    private void catchUp(UserId user, Map<RoomId, Entry> known, long upTo) {
        long from = known.values().stream().mapToLong(Entry::countedUpTo).min().orElse(upTo);
        Map<RoomId, Long> counts = new HashMap<>();
        known.forEach((room, entry) -> counts.put(room, entry.count()));
        if (from < upTo) {
            for (EventBrief event : store.eventsBetween(known.keySet(), from, upTo)) {
                if (event.position() <= known.get(event.roomId()).countedUpTo()) {
                    continue;
                }
                if (event.sender().equals(user)) {
                    counts.put(event.roomId(), 0L); // the user's own event: everything before it is read
                } else if (!event.state() && NOTIFYING_TYPES.contains(event.type())) {
                    counts.merge(event.roomId(), 1L, Long::sum);
                }
            }
        }
        known.replaceAll((room, entry) -> new Entry(entry.readUpTo(), upTo, counts.get(room)));
    }

    private void keep(UserId user, RoomId room, Entry entry, Map<RoomId, Long> out) {
        // Receipts only move forward: the entry with the later receipt, then the later count, wins.
        cache.asMap().merge(new Key(user, room), entry, (old, fresh) -> fresh.readUpTo() > old.readUpTo()
                || fresh.readUpTo() == old.readUpTo() && fresh.countedUpTo() >= old.countedUpTo() ? fresh : old);
        if (entry.count() > 0) {
            out.put(room, entry.count());
        }
    }
}
