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

    public ForgottenRooms(RoomMemberStore store) {
        this.store = store;
    }

    public boolean isForgotten(UserId userId, RoomId roomId) {
        return cache.get(new Key(userId, roomId), key -> store.isForgotten(key.userId(), key.roomId()));
    }

    void forget(UserId userId, RoomId roomId, EventId membershipEvent) {
        store.forget(userId, roomId, membershipEvent);
        cache.invalidate(new Key(userId, roomId));
    }

    @Override
    public void onEvent(StoredEvent event) {
        if (event.pdu().isState() && StateKey.MEMBER.equals(event.pdu().type()) && UserId.isValid(event.pdu().stateKey())) {
            cache.invalidate(new Key(UserId.parse(event.pdu().stateKey()), event.pdu().roomId()));
        }
    }
}
