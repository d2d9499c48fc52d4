package dev.parley.service.room;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.parley.core.auth.StateKey;
import dev.parley.core.id.EventId;
import dev.parley.store.RoomStore;
import java.util.Map;

/**
 * Room state at points in history. A state group never changes once written, so resolved groups
 * are cached freely (bounded by count).
 */
public final class StateGroups {
    private final RoomStore store;
    private final Cache<Long, Map<StateKey, EventId>> cache = Caffeine.newBuilder().maximumSize(2_000).build();

    public StateGroups(RoomStore store) {
        this.store = store;
    }

    public Map<StateKey, EventId> get(long groupId) {
        return cache.get(groupId, id -> Map.copyOf(store.stateGroup(id)));
    }

    /** Many groups at once (those not cached are read in one batch), each as {@link #get}. */
    public Map<Long, Map<StateKey, EventId>> getAll(java.util.Collection<Long> groupIds) {
        return cache.getAll(groupIds, missing -> {
            Map<Long, Map<StateKey, EventId>> read = new java.util.HashMap<>();
            store.stateGroups(java.util.Set.copyOf(missing)).forEach((id, state) -> read.put(id, Map.copyOf(state)));
            return read;
        });
    }
}
