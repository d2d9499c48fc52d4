package dev.parley.service.room;

import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Hands out stream positions and says up to where they are all persisted. Writers in different
 * rooms commit in any order; a reader (sync) must only ever see a prefix of the stream, or it
 * would skip an event that commits later with a lower position. So the current position is the
 * highest one below which nothing is still being written.
 */
public final class StreamPositions {
    private final ReentrantLock lock = new ReentrantLock();
    private final TreeSet<Long> inFlight = new TreeSet<>();
    private long last;
    private long persistedUpTo;

    public StreamPositions(long highestPersisted) {
        this.last = highestPersisted;
        this.persistedUpTo = highestPersisted;
    }

    /** A new position; pair every call with {@link #done}. */
    public long allocate() {
        lock.lock();
        try {
            long next = ++last;
            inFlight.add(next);
            return next;
        } finally {
            lock.unlock();
        }
    }

    /** The write at {@code position} committed, or failed and will never appear. */
    public void done(long position) {
        lock.lock();
        try {
            inFlight.remove(position);
            persistedUpTo = inFlight.isEmpty() ? last : inFlight.first() - 1;
        } finally {
            lock.unlock();
        }
    }

    /** Every position up to this one is persisted (or abandoned). */
    public long current() {
        lock.lock();
        try {
            return persistedUpTo;
        } finally {
            lock.unlock();
        }
    }
}
