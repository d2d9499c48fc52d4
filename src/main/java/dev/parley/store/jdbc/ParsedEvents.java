package dev.parley.store.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.parley.core.event.Pdu;
import dev.parley.core.id.EventId;
import dev.parley.core.json.Json;
import dev.parley.core.room.RoomVersions;
import dev.parley.store.StoredEvent;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Optional;

/**
 * Parsed events by event ID, so a row read again (every {@code /sync} of a big account reads
 * thousands) skips the JSON parse and the room version's format checks it passed when stored.
 *
 * <p>Coherent without invalidation: an entry is used only when the row's {@code redacted_by}
 * equals the one it was parsed with. The only change a stored event's JSON ever sees is its
 * pruning by a redaction, and that is written in the same statement that sets
 * {@code redacted_by} (once, from null); so a row read after a redaction never matches an
 * unredacted entry, whatever the interleaving of readers and the writer.
 *
 * <p>Bounded by memory, not count: each entry weighs an estimate of its parsed tree,
 * {@value #BYTES_PER_CHAR} bytes per character of stored JSON (a Jackson tree of a typical
 * 700-character message event measured 4.4 on JDK 25), and the cache keeps at most
 * {@value #MAX_BYTES} bytes of such estimates: about 38,000 such events, enough for the
 * timelines and state of an account in 1,000 rooms. Eviction is Caffeine's (recency and
 * frequency).
 */
final class ParsedEvents {
    static final int BYTES_PER_CHAR = 5;
    static final long MAX_BYTES = 128L * 1024 * 1024;

    private record Entry(Pdu pdu, String redactedBy, int weight) {
    }

    private final Cache<String, Entry> cache = Caffeine.newBuilder()
            .maximumWeight(MAX_BYTES)
            .<String, Entry>weigher((id, entry) -> entry.weight())
            .build();

    /**
     * A new event whose storing transaction committed with the event unpruned ({@code redacted_by}
     * null, as the entry's): the readers that follow (every syncing member) find it parsed. The
     * pipeline's event is the one the stored JSON was written from, and entries are never changed.
     */
    void stored(Pdu pdu, int jsonChars) {
        cache.asMap().putIfAbsent(pdu.eventId().value(), new Entry(pdu, null, weight(jsonChars)));
    }

    private static int weight(long jsonChars) {
        return (int) Math.min(Integer.MAX_VALUE, jsonChars * BYTES_PER_CHAR);
    }

    /** The event of the current row (columns of {@code JdbcRoomStore}'s event selection). */
    StoredEvent read(ResultSet rs) throws SQLException {
        String eventId = rs.getString("event_id");
        String redactedBy = rs.getString("redacted_by");
        Entry entry = cache.getIfPresent(eventId);
        if (entry == null || !Objects.equals(entry.redactedBy(), redactedBy)) {
            String json = rs.getString("json");
            entry = new Entry(parse(json, rs.getString("room_version"), eventId), redactedBy, weight(json.length()));
            cache.put(eventId, entry);
        }
        return new StoredEvent(rs.getLong("stream_ordering"), entry.pdu(), rs.getLong("state_group"),
                Optional.ofNullable(redactedBy));
    }

    private static Pdu parse(String text, String roomVersion, String eventId) throws SQLException {
        try {
            ObjectNode json = (ObjectNode) Json.MAPPER.readTree(text);
            return Pdu.fromStored(json, RoomVersions.get(roomVersion), EventId.parse(eventId));
        } catch (JsonProcessingException e) {
            throw new SQLException("stored event is not JSON", e);
        }
    }
}
