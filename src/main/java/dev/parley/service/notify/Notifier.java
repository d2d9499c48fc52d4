package dev.parley.service.notify;

import dev.parley.core.id.RoomId;
import dev.parley.core.id.UserId;
import java.time.Duration;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Wakes long-polling {@code /sync} requests the moment something they may see changes: an event
 * in one of their rooms, or something addressed to their user (an invite, account data). A
 * waiter registers for its rooms and its user, then parks its virtual thread until woken or
 * timed out; only the waiters concerned are woken.
 */
public final class Notifier {
    private final ConcurrentHashMap<RoomId, Set<Waiter>> byRoom = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<UserId, Set<Waiter>> byUser = new ConcurrentHashMap<>();
    private final AtomicInteger parked = new AtomicInteger();
    private volatile boolean closed;

    /** One parked request. */
    public static final class Waiter {
        private final CountDownLatch woken = new CountDownLatch(1);
        private final UserId user;
        private final Collection<RoomId> rooms;
        private final AtomicInteger parked;

        private Waiter(UserId user, Collection<RoomId> rooms, AtomicInteger parked) {
            this.user = user;
            this.rooms = rooms;
            this.parked = parked;
        }

        /** @return true if woken, false on time-out */
        public boolean await(Duration timeout) throws InterruptedException {
            parked.incrementAndGet();
            try {
                return woken.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } finally {
                parked.decrementAndGet();
            }
        }

        void wake() {
            woken.countDown();
        }
    }

    /**
     * Registers interest before the caller checks for news, so nothing that happens between the
     * check and the wait is missed; {@link #cancel} it afterwards.
     */
    public Waiter register(UserId user, Collection<RoomId> rooms) {
        Waiter waiter = new Waiter(user, rooms, parked);
        add(byUser, user, waiter);
        for (RoomId room : rooms) {
            add(byRoom, room, waiter);
        }
        if (closed) {
            waiter.wake();
        }
        return waiter;
    }

    /** How many requests are parked in {@link Waiter#await} now (the operations metrics show it). */
    public int parked() {
        return parked.get();
    }

    public void cancel(Waiter waiter) {
        remove(byUser, waiter.user, waiter);
        for (RoomId room : waiter.rooms) {
            remove(byRoom, room, waiter);
        }
    }

    public void roomChanged(RoomId room) {
        Set<Waiter> waiters = byRoom.get(room);
        if (waiters != null) {
            waiters.forEach(Waiter::wake);
        }
    }

    public void userChanged(UserId user) {
        Set<Waiter> waiters = byUser.get(user);
        if (waiters != null) {
            waiters.forEach(Waiter::wake);
        }
    }

    /**
     * Shutting down: every parked request answers now (with whatever it has), and no new one
     * parks, so a graceful stop is not held up by long-polls.
     */
    public void close() {
        closed = true;
        byUser.values().forEach(waiters -> waiters.forEach(Waiter::wake));
    }

    /**
     * Adds inside the map's atomic update: added after {@code computeIfAbsent} returned, a waiter
     * could land in a set that another request's {@link #cancel} had just emptied and unmapped,
     * and would never be woken (seen as one lost delivery in ten thousand under fan-out load).
     */
    private static <K> void add(ConcurrentHashMap<K, Set<Waiter>> map, K key, Waiter waiter) {
        map.compute(key, (k, set) -> {
            Set<Waiter> waiters = set == null ? ConcurrentHashMap.newKeySet() : set;
            waiters.add(waiter);
            return waiters;
        });
    }

    private static <K> void remove(ConcurrentHashMap<K, Set<Waiter>> map, K key, Waiter waiter) {
        map.computeIfPresent(key, (k, set) -> {
            set.remove(waiter);
            return set.isEmpty() ? null : set;
        });
    }
}
