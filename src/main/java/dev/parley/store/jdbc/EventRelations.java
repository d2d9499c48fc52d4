package dev.parley.store.jdbc;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.core.event.Pdu;
import dev.parley.core.id.EventId;
import dev.parley.core.id.RoomId;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The {@code event_relations} rows: each event's {@code m.relates_to} (Client-Server API,
 * "Forming relationships between events"), kept while the event is unredacted. A relation that
 * does not match the schema ({@code rel_type} and {@code event_id} strings) is ignored, as the
 * spec says; replies ({@code m.in_reply_to}, no {@code rel_type}) are not relations here.
 */
final class EventRelations {
    private EventRelations() {
    }

    /** @return the event the inserted relation points at, if a relation was inserted */
    static Optional<String> insert(Connection c, Pdu pdu) throws SQLException {
        JsonNode relatesTo = pdu.content().get("m.relates_to");
        if (relatesTo == null || !relatesTo.isObject()) {
            return Optional.empty();
        }
        JsonNode relType = relatesTo.get("rel_type");
        JsonNode parent = relatesTo.get("event_id");
        if (relType == null || !relType.isTextual() || parent == null || !parent.isTextual()
                || !EventId.isValid(parent.textValue()) || parent.textValue().equals(pdu.eventId().value())) {
            return Optional.empty();
        }
        JsonNode key = relatesTo.get("key");
        Sql.update(c, "INSERT INTO event_relations (event_id, room_id, relates_to, rel_type, aggregation_key) VALUES (?, ?, ?, ?, ?)",
                pdu.eventId().value(), pdu.roomId().value(), parent.textValue(), relType.textValue(),
                key != null && key.isTextual() ? key.textValue() : null);
        return Optional.of(parent.textValue());
    }

    static void delete(Connection c, String eventId) throws SQLException {
        Sql.update(c, "DELETE FROM event_relations WHERE event_id = ?", eventId);
    }

    /** The WHERE clause over {@code rel} and {@code e} (events) for relations of {@code parents}; adds its parameters. */
    static String where(RoomId roomId, Collection<EventId> parents, Optional<String> relType, Optional<String> eventType,
                        List<Object> params) {
        StringBuilder where = new StringBuilder("rel.room_id = ? AND rel.relates_to IN (")
                .append(String.join(",", Collections.nCopies(parents.size(), "?"))).append(")");
        params.add(roomId.value());
        parents.forEach(p -> params.add(p.value()));
        relType.ifPresent(t -> {
            where.append(" AND rel.rel_type = ?");
            params.add(t);
        });
        eventType.ifPresent(t -> {
            where.append(" AND e.type = ?");
            params.add(t);
        });
        return where.toString();
    }
}
