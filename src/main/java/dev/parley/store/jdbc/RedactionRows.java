package dev.parley.store.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.event.Pdu;
import dev.parley.core.event.Redaction;
import dev.parley.core.id.EventId;
import dev.parley.core.json.Json;
import dev.parley.core.room.RoomVersions;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Applies redactions inside the transaction that persists an event (Client-Server API,
 * "Redactions"), so an event is never served unpruned once its redaction is stored, nor a
 * redaction stored without its effect. A redaction whose target is not stored yet waits in
 * {@code redactions} and is applied in the transaction that stores the target.
 *
 * <p>Such early redactions are rare (a federated redaction overtaking its target), so the IDs
 * of the targets they wait for are kept in memory and only those events look for one as they
 * are stored: the look-up cost every event a query. The set must never miss a waiting target,
 * and may hold extra IDs: a target is added before the redaction's transaction commits (and
 * stays if it rolls back), and removed only once the target itself is committed, after which it
 * can never be stored again. Events of one room are persisted one at a time under the room's
 * lock (EventPipeline), and a redaction applies only within its room, so a redaction and its
 * target are never written by concurrent transactions, on PostgreSQL either.
 */
final class RedactionRows {
    private static final String REDACTION = "m.room.redaction";

    private final Set<String> awaited = ConcurrentHashMap.newKeySet();

    private RedactionRows() {
    }

    /** The event {@code pdu} prunes, if it is a redaction. */
    static Optional<EventId> target(Pdu pdu) {
        return REDACTION.equals(pdu.type()) ? Optional.ofNullable(pdu.redacts()) : Optional.empty();
    }

    /** Reads the targets stored redactions still wait for, once per store over a database. */
    static RedactionRows load(Database db) {
        RedactionRows rows = new RedactionRows();
        rows.awaited.addAll(db.read(c -> Sql.list(c, """
                SELECT DISTINCT r.redacts FROM redactions r LEFT JOIN events e ON e.event_id = r.redacts
                WHERE e.event_id IS NULL""", rs -> rs.getString(1))));
        return rows;
    }

    /** @return whether an earlier redaction applied to the event just stored (its row is pruned) */
    boolean onPersist(Connection c, Pdu pdu) throws SQLException {
        String room = pdu.roomId().value();
        Optional<EventId> target = target(pdu);
        if (target.isPresent()) {
            Sql.update(c, "INSERT INTO redactions (event_id, redacts, room_id) VALUES (?, ?, ?)",
                    pdu.eventId().value(), target.get().value(), room);
            if (!apply(c, room, target.get().value(), pdu.eventId().value())) {
                awaited.add(target.get().value());
            }
        }
        if (!awaited.contains(pdu.eventId().value())) {
            return false;
        }
        Optional<String> earlier = Sql.one(c, """
                SELECT r.event_id FROM redactions r JOIN events e ON e.event_id = r.event_id
                WHERE r.redacts = ? AND r.room_id = ? ORDER BY e.stream_ordering""",
                rs -> rs.getString(1), pdu.eventId().value(), room);
        if (earlier.isPresent()) {
            apply(c, room, pdu.eventId().value(), earlier.get());
        }
        return earlier.isPresent();
    }

    /** After the commit that stored {@code pdu}: no redaction waits for it any more. */
    void committed(Pdu pdu) {
        if (!awaited.isEmpty()) {
            awaited.remove(pdu.eventId().value());
        }
    }

    /**
     * Prunes the target if it is stored in the same room and not yet redacted.
     *
     * @return whether the target is stored at all (else the redaction waits for it)
     */
    private static boolean apply(Connection c, String room, String target, String redactionId) throws SQLException {
        Optional<String[]> stored = Sql.one(c, """
                SELECT e.json, r.room_version, e.room_id, e.redacted_by FROM events e JOIN rooms r ON r.room_id = e.room_id
                WHERE e.event_id = ?""",
                rs -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)}, target);
        if (stored.isEmpty()) {
            return false;
        }
        if (!room.equals(stored.get()[2]) || stored.get()[3] != null) {
            return true;
        }
        ObjectNode json;
        try {
            json = (ObjectNode) Json.MAPPER.readTree(stored.get()[0]);
        } catch (JsonProcessingException e) {
            throw new SQLException("stored event " + target + " is not JSON", e);
        }
        ObjectNode pruned = Redaction.redact(json, RoomVersions.get(stored.get()[1]));
        Sql.update(c, "UPDATE events SET json = ?, redacted_by = ? WHERE event_id = ?",
                JdbcRoomStore.json(pruned), redactionId, target);
        EventRelations.delete(c, target);
        return true;
    }
}
