package dev.parley.service.room;

import dev.parley.core.id.RoomId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The {@link RoomHead}s of the rooms events were lately built in, at most {@code capacity} of
 * them beyond the ones busy writing: a head holds its room's whole current-state map, so keeping
 * one for every room a server ever saw would grow without end. Only idle heads are dropped (none
 * of their writes in flight), and only under their room's lock, so a head is never dropped while
 * an event is being built from it or committed after it; the next event reads the room again.
 */
final class RoomHeads {
    private final Map<RoomId, RoomHead> heads = new ConcurrentHashMap<>();
    private final RoomLocks locks;
    private final int capacity;

    RoomHeads(RoomLocks locks, int capacity) {
        this.locks = locks;
        this.capacity = capacity;
    }

    /** The room's head, touched as used; the caller holds the room's lock. */
    RoomHead get(RoomId roomId) {
        RoomHead head = heads.get(roomId);
        if (head != null) {
            head.lastUsed = System.nanoTime();
        }
        return head;
    }

    /** Adds a head (the caller holds the room's lock), dropping the least recently used idle ones when full. */
    void put(RoomId roomId, RoomHead head) {
        head.lastUsed = System.nanoTime();
        heads.put(roomId, head);
        if (heads.size() > capacity) {
            evict(roomId);
        }
    }

    /** Drops the room's head if it is still {@code head}: the next event reads the room from the database. */
    void remove(RoomId roomId, RoomHead head) {
        heads.remove(roomId, head);
    }

    int size() {
        return heads.size();
    }

    /** Drops idle heads, oldest use first, down to three quarters of the capacity. */
    private void evict(RoomId keep) {
        List<Map.Entry<RoomId, RoomHead>> byAge = new ArrayList<>(heads.entrySet());
        byAge.sort(Comparator.comparingLong(e -> e.getValue().lastUsed));
        int target = capacity * 3 / 4;
        for (Map.Entry<RoomId, RoomHead> entry : byAge) {
            if (heads.size() <= target) {
                return;
            }
            if (entry.getKey().equals(keep)) {
                continue;
            }
            // tryLock: a room being written to now is not idle, and waiting here could deadlock.
            ReentrantLock lock = locks.of(entry.getKey());
            if (lock.tryLock()) {
                try {
                    if (entry.getValue().isIdle()) {
                        heads.remove(entry.getKey(), entry.getValue());
                    }
                } finally {
                    lock.unlock();
                }
            }
        }
    }
}
