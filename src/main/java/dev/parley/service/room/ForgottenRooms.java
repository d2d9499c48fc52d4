package dev.parley.service.room;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.parley.core.auth.StateKey;
import dev.parley.core.id.EventId;
import dev.parley.core.id.RoomId;
import dev.parley.core.id.UserId;
import dev.parley.store.RoomMemberStore;
import dev.parley.store.StoredEvent;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Whether users forgot rooms (Client-Server API, "Leaving rooms"), asked for every event a
 * history read checks, so answers are cached per user and room. A membership event ends a
 * forgotten mark in the store by itself; this listener drops the cached answer at the same time.
 */
public final class ForgottenRooms implements RoomEventListener {
    private record Key(UserId userId, RoomId roomId) {
    }

    private final RoomMemberStore store;
    private final Cache<Key, Boolean> cache = Caffeine.newBuilder().maximumSize(100_000)
            .expireAfterAccess(Duration.ofMinutes(30)).build();
    /** Moves before every invalidation, so {@link #prime} can tell that what it read may be stale. */
    private final AtomicLong changes = new AtomicLong();

    public ForgottenRooms(RoomMemberStore store) {
        this.store = store;
    }

    public boolean isForgotten(UserId userId, RoomId roomId) {
        return cache.get(new Key(userId, roomId), key -> store.isForgotten(key.userId(), key.roomId()));
    }

    /**
     * Caches the answers for the user's {@code roomIds} not cached yet with one read of the rooms
     * the user forgot (usually few): a batch of rooms then costs one query, not one per room.
     */
    public void prime(UserId userId, Collection<RoomId> roomIds) {
        List<Key> missing = roomIds.stream().map(room -> new Key(userId, room))
                .filter(key -> cache.getIfPresent(key) == null).toList();
        if (missing.isEmpty()) {
            return;
        }
        long seen = changes.get();
        Set<RoomId> forgottenNow = Set.copyOf(store.forgottenRooms(userId));
        for (Key key : missing) {
            // Unless a membership changed since the read began (then each room is asked alone, later).
            cache.asMap().compute(key, (k, cached) -> cached != null || changes.get() != seen ? cached
                    : forgottenNow.contains(k.roomId()));
        }
    }

    void forget(UserId userId, RoomId roomId, EventId membershipEvent) {
        store.forget(userId, roomId, membershipEvent);
        invalidate(new Key(userId, roomId));
    }

    private void invalidate(Key key) {
        changes.incrementAndGet();
        cache.invalidate(key);
    }

    @Override
    public void onEvent(StoredEvent event) {
        if (event.pdu().isState() && StateKey.MEMBER.equals(event.pdu().type()) && UserId.isValid(event.pdu().stateKey())) {
            invalidate(new Key(UserId.parse(event.pdu().stateKey()), event.pdu().roomId()));
        }
    }
}
