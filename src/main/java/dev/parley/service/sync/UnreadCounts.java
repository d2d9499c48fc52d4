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
import java.util.function.LongSupplier;
import java.util.function.ToLongFunction;

/**
 * The {@code unread_notifications} count of a user's rooms (others' messages after the user's
 * read receipt and own newest event, {@link RoomListStore#unreadCounts}), kept up to date
 * incrementally. Every woken {@code /sync} of every member asks for it, so recounting a room's
 * unread messages each time made delivery cost grow with the backlog; instead a count is taken once
 * per (user, room) and read receipt, and later only the room's new events are looked at. A new
 * read receipt, or a count older than the position asked about, means counting afresh. Whether
 * the user wrote a receipt since a count was taken is known in memory, so a woken {@code /sync}
 * reads their receipts only when they did.
 */
public final class UnreadCounts {
    /** Event types whose unread instances count as notifications until push rules are evaluated. */
    static final Set<String> NOTIFYING_TYPES = Set.of("m.room.message", "m.room.encrypted", "m.sticker");
    /** About 100 bytes an entry: some 10 MB at most. */
    private static final long MAX_ENTRIES = 100_000;

    private record Key(UserId user, RoomId room) {
    }

    /**
     * The count of events up to {@code countedUpTo}, given the read receipt at {@code readUpTo},
     * which was read when the receipts stream stood at {@code receiptsAt}.
     */
    private record Entry(long readUpTo, long receiptsAt, long countedUpTo, long count) {
    }

    private final RoomListStore store;
    private final LongSupplier receiptsPosition;
    private final ToLongFunction<UserId> latestReceiptBy;
    private final Cache<Key, Entry> cache = Caffeine.newBuilder().maximumSize(MAX_ENTRIES).build();

    /**
     * @param receiptsPosition the receipts stream position every write below has committed at
     * @param latestReceiptBy the position of a user's newest receipt written since start-up (0 if
     *     none), known before anyone is woken by it
     */
    public UnreadCounts(RoomListStore store, LongSupplier receiptsPosition, ToLongFunction<UserId> latestReceiptBy) {
        this.store = store;
        this.receiptsPosition = receiptsPosition;
        this.latestReceiptBy = latestReceiptBy;
    }

    /** Each room's count of unread notifying events up to position {@code upTo}; rooms with none are absent. */
    public Map<RoomId, Long> counts(UserId user, Collection<RoomId> rooms, long upTo) {
        if (rooms.isEmpty()) {
            return Map.of();
        }
        long receiptsAt = receiptsPosition.getAsLong(); // before the receipts are read
        long ownNewest = latestReceiptBy.applyAsLong(user);
        Map<RoomId, Entry> entries = new HashMap<>();
        boolean receiptsKnown = true;
        for (RoomId room : rooms) {
            Entry entry = cache.getIfPresent(new Key(user, room));
            if (entry != null) {
                entries.put(room, entry);
            }
            receiptsKnown &= entry != null && entry.receiptsAt() >= ownNewest;
        }
        Map<RoomId, Long> receipts;
        Map<RoomId, Long> counted = null;
        if (receiptsKnown) {
            receipts = readUpTo(entries);
        } else if (entries.isEmpty()) {
            // Nothing counted yet (a user's first sync of these rooms): receipts and counts in one read.
            RoomListStore.Unread unread = store.unreadWithReceipts(user, rooms, NOTIFYING_TYPES, upTo);
            receipts = unread.receipts();
            counted = unread.counts();
        } else {
            receipts = store.readReceiptPositions(user, rooms);
        }
        List<RoomId> recount = new ArrayList<>();
        Map<RoomId, Entry> known = new HashMap<>();
        for (RoomId room : rooms) {
            Entry entry = entries.get(room);
            if (entry == null || entry.readUpTo() != receipts.getOrDefault(room, 0L) || entry.countedUpTo() > upTo) {
                recount.add(room);
            } else {
                known.put(room, receiptsKnown ? entry
                        : new Entry(entry.readUpTo(), receiptsAt, entry.countedUpTo(), entry.count()));
            }
        }
        Map<RoomId, Long> out = new HashMap<>();
        if (!recount.isEmpty()) {
            if (counted == null) {
                counted = store.unreadCounts(user, recount, NOTIFYING_TYPES, upTo);
            }
            for (RoomId room : recount) {
                keep(user, room, new Entry(receipts.getOrDefault(room, 0L), receiptsAt, upTo,
                        counted.getOrDefault(room, 0L)), out);
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
        known.replaceAll((room, entry) -> new Entry(entry.readUpTo(), entry.receiptsAt(), upTo, counts.get(room)));
    }

    private static Map<RoomId, Long> readUpTo(Map<RoomId, Entry> entries) {
        Map<RoomId, Long> out = new HashMap<>();
        entries.forEach((room, entry) -> out.put(room, entry.readUpTo()));
        return out;
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
