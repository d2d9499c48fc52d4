package dev.parley.service.sync;

import dev.parley.core.error.ErrCode;
import dev.parley.core.error.MatrixException;
import dev.parley.core.id.RoomId;
import dev.parley.core.id.UserId;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Sliding sync connections (MSC4186, "Connections"), one per (user, device, {@code conn_id}),
 * held in memory and bounded: the least recently used connection is dropped first. A
 * {@code pos} names a connection instance and a step of it; a {@code pos} this server does not
 * know (unknown, from before a restart, dropped, or older than the step before the newest)
 * answers {@code M_UNKNOWN_POS} and the client starts a new connection.
 */
final class SlidingConnections {
    static final int MAX_CONNECTIONS = 10_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** What a room looked like to the client when it was last sent on a connection. */
    record SentRoom(long upTo, String membership, SlidingSyncRequest.RoomConfig config, boolean isDm,
                    Set<UserId> lazyMembers) {
    }

    /**
     * Where a connection stood after one response.
     *
     * @param events the event stream position the response was built at
     * @param listCounts each list's count as sent, to tell when only a count changed
     */
    record Snapshot(long events, SlidingExtensions.Positions positions, Map<RoomId, SentRoom> rooms,
                    Map<String, Integer> listCounts) {
        static final Snapshot EMPTY = new Snapshot(0, new SlidingExtensions.Positions(0, 0, 0, 0, 0, 0), Map.of(),
                Map.of());
    }

    private record Key(UserId user, String device, String connId) {
    }

    /** One connection: its two newest snapshots (the client may retry the previous pos). */
    static final class Connection {
        private final ReentrantLock lock = new ReentrantLock();
        private final String id;
        private long step;
        private Snapshot current = Snapshot.EMPTY;
        private Snapshot previous;

        private Connection(String id) {
            this.id = id;
        }

        /** The snapshot a request with this step continues from. */
        private Optional<Snapshot> at(long requested) {
            lock.lock();
            try {
                if (requested == step) {
                    return Optional.of(current);
                }
                return requested == step - 1 && previous != null ? Optional.of(previous) : Optional.empty();
            } finally {
                lock.unlock();
            }
        }

        /**
         * Records the snapshot after answering a request that continued from step {@code from} and
         * returns the new pos. Seeing step {@code from} acknowledges everything before it, so only
         * it and the new step are kept.
         */
        String advance(long from, Snapshot next) {
            lock.lock();
            try {
                if (from == step - 1) {
                    // A retry of the previous request: its unacknowledged answer is replaced.
                    current = next;
                } else if (from == step) {
                    previous = current;
                    current = next;
                    step++;
                } else {
                    throw unknownPos();
                }
                return id + "_" + step;
            } finally {
                lock.unlock();
            }
        }
    }

    private final Map<Key, Connection> connections = new LinkedHashMap<>(16, 0.75f, true);
    private final ReentrantLock lock = new ReentrantLock();

    /**
     * The connection and step a request continues. Without a pos a fresh connection replaces any
     * earlier one under the same key.
     */
    Resumed resume(UserId user, Optional<String> device, String connId, Optional<String> pos) {
        Key key = new Key(user, device.orElse(""), connId);
        lock.lock();
        try {
            if (pos.isEmpty()) {
                Connection fresh = new Connection(newId());
                connections.put(key, fresh);
                if (connections.size() > MAX_CONNECTIONS) {
                    connections.remove(connections.keySet().iterator().next());
                }
                return new Resumed(fresh, 0, Snapshot.EMPTY);
            }
            Connection connection = connections.get(key);
            int split = pos.get().lastIndexOf('_');
            if (connection == null || split < 0 || !pos.get().substring(0, split).equals(connection.id)) {
                throw unknownPos();
            }
            long requested;
            try {
                requested = Long.parseLong(pos.get().substring(split + 1));
            } catch (NumberFormatException e) {
                throw unknownPos();
            }
            return new Resumed(connection, requested,
                    connection.at(requested).orElseThrow(SlidingConnections::unknownPos));
        } finally {
            lock.unlock();
        }
    }

    /** A request's starting point. */
    record Resumed(Connection connection, long step, Snapshot snapshot) {
    }

    private static MatrixException unknownPos() {
        return new MatrixException(ErrCode.UNKNOWN_POS, "Unknown position; start a new sliding sync connection");
    }

    private static String newId() {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).replace('_', 'x');
    }
}
