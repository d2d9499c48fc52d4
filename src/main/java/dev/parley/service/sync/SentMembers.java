package dev.parley.service.sync;

import dev.parley.core.id.RoomId;
import dev.parley.core.id.UserId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Which membership events each device was already sent by a lazy-loading {@code /sync}, so an
 * incremental sync does not send them again (Client-Server API, "Lazy-loading room members":
 * {@code include_redundant_members}). Held in memory for the most recently syncing devices; what
 * is forgotten (a restart, an evicted device) is merely sent again.
 */
final class SentMembers {
    static final int MAX_DEVICES = 10_000;

    private record Device(UserId user, String deviceId) {
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Map<Device, Map<RoomId, Set<String>>> sent = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Device, Map<RoomId, Set<String>>> eldest) {
            return size() > MAX_DEVICES;
        }
    };

    /** An initial or full-state sync: the device starts from nothing. */
    void forget(UserId user, String deviceId) {
        lock.lock();
        try {
            sent.remove(new Device(user, deviceId));
        } finally {
            lock.unlock();
        }
    }

    /** Records that the device gets {@code member}'s event in {@code room}; false if it already had it. */
    boolean firstTime(UserId user, String deviceId, RoomId room, String member) {
        lock.lock();
        try {
            return sent.computeIfAbsent(new Device(user, deviceId), d -> new HashMap<>())
                    .computeIfAbsent(room, r -> new HashSet<>()).add(member);
        } finally {
            lock.unlock();
        }
    }
}
