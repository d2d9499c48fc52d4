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
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Stored events by event ID, parsed: a row read again (every {@code /sync} of a big account reads
 * thousands) skips the JSON parse and the room version's format checks it passed when stored, and
 * an event asked for by ID ({@link #cached}) skips the database altogether.
 *
 * <p>Coherent because a stored event changes at most once: a redaction prunes its JSON and sets
 * {@code redacted_by} (once, from null, in one statement), and nothing else rewrites or deletes
 * event rows. Entries come from two places. The commit that stored a new event puts it
 * ({@link #stored}). A row read puts what it found, unless that is an unredacted row of an event
 * a redaction lately pruned (the row may have been read before that commit), and a redacted entry
 * is never replaced by an unredacted one. After the commit of a redaction, {@link #redacted}
 * records the target as lately pruned <em>before</em> dropping its entry; both puts and the drop
 * go through the map's atomic per-key update, so a stale row is either dropped after it was put
 * or refused; a row read after the drop is the pruned one.
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

    /** How long a pruned target's unredacted rows are refused: far longer than any read runs. */
    private static final Duration LATELY = Duration.ofMinutes(10);

    private record Entry(StoredEvent event, int weight) {
        boolean redacted() {
            return event.redactedBy().isPresent();
        }
    }

    /*
     * Maintenance on the writing thread: every commit of an event puts here, and Caffeine's default
     * hands the upkeep after a put to the common pool, whose idle thread then has to be woken (a
     * put took 66 µs of a send's latency that way, 32 µs inline, in traces of the fan-out).
     */
    private final Cache<String, Entry> cache = Caffeine.newBuilder()
            .executor(Runnable::run)
            .maximumWeight(MAX_BYTES)
            .<String, Entry>weigher((id, entry) -> entry.weight())
            .build();
    private final Cache<String, Boolean> prunedLately = Caffeine.newBuilder().executor(Runnable::run).expireAfterWrite(LATELY).build();

    /**
     * A new event whose storing transaction committed with the event unpruned: the readers that
     * follow (every syncing member) find it parsed. The pipeline's event is the one the stored
     * JSON was written from.
     */
    void stored(StoredEvent event, int jsonChars) {
        keep(event.pdu().eventId().value(), new Entry(event, weight(jsonChars)));
    }

    /** After the commit of a redaction: the target's row may now be pruned. */
    void redacted(EventId target) {
        prunedLately.put(target.value(), Boolean.TRUE);
        cache.invalidate(target.value());
    }

    /** The stored event, as its row holds it now, if cached. */
    Optional<StoredEvent> cached(EventId eventId) {
        Entry entry = cache.getIfPresent(eventId.value());
        return entry == null ? Optional.empty() : Optional.of(entry.event());
    }

    private static int weight(long jsonChars) {
        return (int) Math.min(Integer.MAX_VALUE, jsonChars * BYTES_PER_CHAR);
    }

    /** The event of the current row (columns of {@code JdbcRoomStore}'s event selection). */
    StoredEvent read(ResultSet rs) throws SQLException {
        String eventId = rs.getString("event_id");
        String redactedBy = rs.getString("redacted_by");
        Entry entry = cache.getIfPresent(eventId);
        if (entry != null && Objects.equals(entry.event().redactedBy().orElse(null), redactedBy)) {
            return entry.event();
        }
        String json = rs.getString("json");
        StoredEvent event = new StoredEvent(rs.getLong("stream_ordering"),
                parse(json, rs.getString("room_version"), eventId), rs.getLong("state_group"),
                Optional.ofNullable(redactedBy), Optional.ofNullable(rs.getString("replaces_state")).map(EventId::parse));
        keep(eventId, new Entry(event, weight(json.length())));
        return event;
    }

    private void keep(String eventId, Entry fresh) {
        cache.asMap().compute(eventId, (id, old) -> {
            if (old != null && old.redacted()) {
                return old;
            }
            return fresh.redacted() || prunedLately.getIfPresent(id) == null ? fresh : old;
        });
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
