package dev.parley.service.room;

import dev.parley.core.id.RoomId;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/** One lock per room: events of a room are built, checked and persisted one at a time. */
final class RoomLocks {
    private final ConcurrentHashMap<RoomId, ReentrantLock> locks = new ConcurrentHashMap<>();

    ReentrantLock of(RoomId roomId) {
        return locks.computeIfAbsent(roomId, id -> new ReentrantLock());
    }
}
