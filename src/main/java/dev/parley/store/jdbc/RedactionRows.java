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

/**
 * Applies redactions inside the transaction that persists an event (Client-Server API,
 * "Redactions"), so an event is never served unpruned once its redaction is stored, nor a
 * redaction stored without its effect. A redaction whose target is not stored yet waits in
 * {@code redactions} and is applied in the transaction that stores the target.
 */
final class RedactionRows {
    private static final String REDACTION = "m.room.redaction";

    private RedactionRows() {
    }

    /** The event {@code pdu} prunes, if it is a redaction. */
    static Optional<EventId> target(Pdu pdu) {
        return REDACTION.equals(pdu.type()) ? Optional.ofNullable(pdu.redacts()) : Optional.empty();
    }

    /** @return whether an earlier redaction applied to the event just stored (its row is pruned) */
    static boolean onPersist(Connection c, Pdu pdu) throws SQLException {
        String room = pdu.roomId().value();
        if (REDACTION.equals(pdu.type()) && pdu.redacts() != null) {
            Sql.update(c, "INSERT INTO redactions (event_id, redacts, room_id) VALUES (?, ?, ?)",
                    pdu.eventId().value(), pdu.redacts().value(), room);
            apply(c, room, pdu.redacts().value(), pdu.eventId().value());
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

    /** Prunes the target if it is stored in the same room and not yet redacted. */
    private static void apply(Connection c, String room, String target, String redactionId) throws SQLException {
        Optional<String[]> stored = Sql.one(c, """
                SELECT e.json, r.room_version FROM events e JOIN rooms r ON r.room_id = e.room_id
                WHERE e.event_id = ? AND e.room_id = ? AND e.redacted_by IS NULL""",
                rs -> new String[] {rs.getString(1), rs.getString(2)}, target, room);
        if (stored.isEmpty()) {
            return;
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
    }
}
