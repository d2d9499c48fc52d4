package dev.parley.store.jdbc;

import dev.parley.core.id.EventId;
import dev.parley.store.StoredEvent;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * Which events some event relates to, for bundled aggregations (Client-Server API, "Aggregations
 * of child events"): every timeline served asks, and almost always of events nothing relates to.
 *
 * <p>A child is sent after its parent is stored, so every relation to an event stored after a
 * moment is itself stored after that moment; for such events the answer comes from the parents
 * this class saw relations to since then, and for older ones from {@code event_relations}. The
 * exception is a relation to an event not stored yet (a client may name any event ID): such
 * parents are kept apart ({@code dangling}), found at start-up and as such relations are stored,
 * so that event is found related when it does arrive.
 *
 * <p>Memory stays bounded: when the remembered parents pass {@code maxParents}, they are dropped
 * and the moment moves up to the newest event stored so far (events up to it are answered by the
 * query again); if the dangling parents pass {@code maxDangling}, every answer comes from the
 * query until the next start. Parents are noted as relations are inserted, before the commit, so
 * no reader can see a child committed and its parent not noted; a rolled-back insert leaves a
 * parent noted that has no child, and a redaction removes a relation without un-noting its
 * parent: either way the aggregation query then finds nothing to bundle, as it would have.
 */
final class RelationParents {
    private static final int MAX_PARENTS = 50_000;
    private static final int MAX_DANGLING = 10_000;

    /** Events with stream ordering above {@code after} have all their relations' parents in {@code parents}. */
    private record Generation(long after, Set<String> parents) {
    }

    private final int maxParents;
    private final int maxDangling;
    private final Set<String> dangling = ConcurrentHashMap.newKeySet();
    /** Guards {@link #newest} and the change of generation against inserts noting parents. */
    private final ReentrantLock lock = new ReentrantLock();
    private volatile Generation current;
    private volatile boolean overflowed;
    private long newest;

    /** @param storedUpTo the highest stream ordering stored when this store starts */
    RelationParents(Database db, long storedUpTo) {
        this(db, storedUpTo, MAX_PARENTS, MAX_DANGLING);
    }

    RelationParents(Database db, long storedUpTo, int maxParents, int maxDangling) {
        this.maxParents = maxParents;
        this.maxDangling = maxDangling;
        this.newest = storedUpTo;
        this.current = new Generation(storedUpTo, ConcurrentHashMap.newKeySet());
        List<String> absent = db.read(c -> Sql.list(c, """
                SELECT DISTINCT rel.relates_to FROM event_relations rel
                WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.event_id = rel.relates_to) LIMIT ?""",
                rs -> rs.getString(1), maxDangling + 1));
        dangling.addAll(absent);
        overflowed = absent.size() > maxDangling;
    }

    /**
     * In the transaction that stores an event at {@code position}, after its relation (if any,
     * to {@code parent}) was inserted.
     */
    void inserted(Connection c, long position, Optional<String> parent) throws SQLException {
        boolean absent = parent.isPresent()
                && Sql.one(c, "SELECT 1 FROM events WHERE event_id = ?", rs -> 1, parent.get()).isEmpty();
        lock.lock();
        try {
            newest = Math.max(newest, position);
            if (parent.isEmpty()) {
                return;
            }
            if (absent) {
                if (dangling.size() < maxDangling) {
                    dangling.add(parent.get());
                } else {
                    overflowed = true;
                }
            }
            Generation generation = current;
            generation.parents().add(parent.get());
            if (generation.parents().size() > maxParents) {
                // Every event above newest is stored after this, and so are relations to it.
                current = new Generation(newest, ConcurrentHashMap.newKeySet());
            }
        } finally {
            lock.unlock();
        }
    }

    /** Those of {@code events} some stored event relates to; {@code stored} asks the database. */
    Set<EventId> of(Collection<StoredEvent> events, Function<Collection<EventId>, Set<EventId>> stored) {
        Generation generation = current;
        boolean remembered = !overflowed;
        Set<EventId> out = new HashSet<>();
        List<EventId> older = new ArrayList<>();
        for (StoredEvent event : events) {
            EventId id = event.pdu().eventId();
            if (!remembered || event.streamOrdering() <= generation.after()) {
                older.add(id);
            } else if (generation.parents().contains(id.value()) || dangling.contains(id.value())) {
                out.add(id);
            }
        }
        if (!older.isEmpty()) {
            out.addAll(stored.apply(older));
        }
        return out;
    }
}
