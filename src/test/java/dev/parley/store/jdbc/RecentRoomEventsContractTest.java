package dev.parley.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.event.Pdu;
import dev.parley.core.id.EventId;
import dev.parley.core.id.RoomId;
import dev.parley.core.id.UserId;
import dev.parley.core.json.Json;
import dev.parley.core.room.RoomVersions;
import dev.parley.store.RoomListStore.EventBrief;
import dev.parley.store.RoomRow;
import dev.parley.store.StoredEvent;
import dev.parley.testing.DialectDatabaseTest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Rooms' recent events and events by ID answered from memory ({@link RecentRoomEvents},
 * {@link ParsedEvents}) give what the database gives, on both databases, and skip it: each answer
 * is compared with a store over the same database that has no recent events of its own and an
 * empty cache, so it reads every one.
 */
class RecentRoomEventsContractTest extends DialectDatabaseTest {
    private final UserId alice = UserId.parse("@alice:test.local");
    private final UserId bob = UserId.parse("@bob:test.local");
    private final RoomId roomId = RoomId.parse("!room:test.local");
    private final RoomId otherRoom = RoomId.parse("!other:test.local");
    private CountingDatabase counted;
    private JdbcRoomStore rooms;
    private JdbcRoomListStore roomLists;
    private EventWriter writer;

    @BeforeEach
    void open() {
        counted = new CountingDatabase(db);
        RecentRoomEvents recent = new RecentRoomEvents();
        rooms = new JdbcRoomStore(counted, recent);
        roomLists = new JdbcRoomListStore(counted, recent);
        writer = new EventWriter(rooms);
        rooms.createRoom(new RoomRow(roomId, RoomVersions.V11, alice, 1L, false));
        rooms.createRoom(new RoomRow(otherRoom, RoomVersions.V11, alice, 1L, false));
        persist(roomId, "m.room.create", "", alice, Json.MAPPER.createObjectNode(), Optional.empty());
    }

    private Pdu persist(RoomId room, String type, String stateKey, UserId sender, ObjectNode content, Optional<EventId> redacts) {
        long next = writer.stream() + 1;
        return writer.persist(room, RoomVersions.V11, type, stateKey, sender, content, List.of(), next, next, redacts);
    }

    private Pdu message(RoomId room, UserId sender, String body) {
        return persist(room, "m.room.message", null, sender, Json.MAPPER.createObjectNode().put("body", body), Optional.empty());
    }

    private Pdu redact(RoomId room, Pdu target) {
        return persist(room, "m.room.redaction", null, alice, Json.MAPPER.createObjectNode(), Optional.of(target.eventId()));
    }

    /** A store over the same database that remembers nothing: the database's own answers. */
    private JdbcRoomStore fromDatabase() {
        return new JdbcRoomStore(db);
    }

    private long readsDuring(Runnable work) {
        long before = counted.reads();
        work.run();
        return counted.reads() - before;
    }

    private static List<String> described(List<StoredEvent> events) {
        return events.stream().map(e -> e.streamOrdering() + " " + e.pdu().eventId().value() + " "
                + e.pdu().content() + " " + e.redactedBy().orElse("-") + " " + e.stateGroup()).toList();
    }

    @Test
    void timelinesOfRoomsWrittenSinceStartComeFromMemoryAsTheDatabaseHasThem() {
        // Enough that the ring of each room has let its oldest events go.
        for (int i = 0; i < 3 * RecentRoomEvents.PER_ROOM; i++) {
            message(i % 3 == 0 ? otherRoom : roomId, i % 2 == 0 ? alice : bob, "m" + i);
        }
        long newest = writer.stream();
        JdbcRoomStore database = fromDatabase();
        for (long after : new long[] {0, 1, 5, 10, newest - 4, newest - 1, newest}) {
            for (long upTo : new long[] {after, after + 1, after + 3, newest - 2, newest, newest + 5}) {
                for (int limit : new int[] {0, 1, 3, 10, 100}) {
                    assertThat(described(rooms.recentEvents(roomId, after, upTo, limit)))
                            .as("(%d, %d] limit %d", after, upTo, limit)
                            .isEqualTo(described(database.recentEvents(roomId, after, upTo, limit)));
                    assertThat(rooms.recentEvents(List.of(roomId, otherRoom), after, upTo, limit).entrySet().stream()
                            .map(e -> e.getKey() + "=" + described(e.getValue())).sorted().toList())
                            .isEqualTo(database.recentEvents(List.of(roomId, otherRoom), after, upTo, limit).entrySet()
                                    .stream().map(e -> e.getKey() + "=" + described(e.getValue())).sorted().toList());
                }
                assertThat(roomLists.eventsBetween(List.of(roomId, otherRoom), after, upTo))
                        .isEqualTo(new JdbcRoomListStore(db).eventsBetween(List.of(roomId, otherRoom), after, upTo));
            }
        }
        // The last few events of a room, as a woken sync asks for them, cost no read.
        assertThat(readsDuring(() -> rooms.recentEvents(roomId, newest - 4, newest, 10))).isZero();
        assertThat(readsDuring(() -> rooms.recentEvents(List.of(roomId, otherRoom), newest - 4, newest, 10))).isZero();
        assertThat(readsDuring(() -> roomLists.eventsBetween(List.of(roomId, otherRoom), newest - 4, newest))).isZero();
        // From before the ring's first event only the database can tell.
        assertThat(readsDuring(() -> rooms.recentEvents(roomId, 0, newest, 100))).isOne();
    }

    @Test
    void eventsByIdComeFromMemoryOnceKnown() {
        Pdu a = message(roomId, alice, "a");
        Pdu b = message(roomId, bob, "b");
        assertThat(readsDuring(() -> assertThat(rooms.events(List.of(a.eventId(), b.eventId(), a.eventId())))
                .extracting(e -> e.pdu().eventId()).containsExactlyInAnyOrder(a.eventId(), b.eventId()))).isZero();
        assertThat(readsDuring(() -> assertThat(rooms.event(b.eventId())).isPresent())).isZero();
        EventId unknown = EventId.parse("$unknownunknownunknownunknownunknownunknown0");
        assertThat(readsDuring(() -> assertThat(rooms.events(List.of(a.eventId(), unknown))).hasSize(1))).isOne();
    }

    @Test
    void aRedactionIsSeenAtOnceByIdAndInTimelines() {
        Pdu a = message(roomId, alice, "secret");
        message(roomId, bob, "after");
        rooms.recentEvents(roomId, 0, writer.stream(), 10); // everything cached and in the ring
        Pdu redaction = redact(roomId, a);

        StoredEvent pruned = rooms.event(a.eventId()).orElseThrow();
        assertThat(pruned.redactedBy()).contains(redaction.eventId().value());
        assertThat(pruned.pdu().content().has("body")).isFalse();
        assertThat(described(rooms.recentEvents(roomId, 0, writer.stream(), 10)))
                .isEqualTo(described(fromDatabase().recentEvents(roomId, 0, writer.stream(), 10)))
                .anySatisfy(line -> assertThat(line).contains(redaction.eventId().value()));
        // The pruned form is what is kept from now on, and later events fill a new ring.
        message(roomId, bob, "later");
        long newest = writer.stream();
        assertThat(readsDuring(() -> assertThat(rooms.event(a.eventId()).orElseThrow().redactedBy()).isPresent())).isZero();
        assertThat(readsDuring(() -> rooms.recentEvents(roomId, newest - 1, newest, 10))).isZero();
        assertThat(described(rooms.recentEvents(roomId, newest - 3, newest, 10)))
                .isEqualTo(described(fromDatabase().recentEvents(roomId, newest - 3, newest, 10)));
    }

    @Test
    void anEventStoredAfterItsRedactionIsNeverServedUnpruned() {
        message(roomId, alice, "first");
        Pdu late = writer.build(roomId, RoomVersions.V11, "m.room.message", null, bob,
                Json.MAPPER.createObjectNode().put("body", "late"), List.of(), 50, 50, Optional.empty());
        Pdu redaction = redact(roomId, late);
        writer.store(late);
        long newest = writer.stream();

        assertThat(rooms.event(late.eventId()).orElseThrow().redactedBy()).contains(redaction.eventId().value());
        List<StoredEvent> timeline = rooms.recentEvents(roomId, 0, newest, 10);
        assertThat(timeline.getLast().pdu().eventId()).isEqualTo(late.eventId());
        assertThat(timeline.getLast().pdu().content().has("body")).isFalse();
        assertThat(roomLists.eventsBetween(List.of(roomId), newest - 1, newest)).extracting(EventBrief::position)
                .containsExactly(newest);
    }

    @Test
    void aStaleRowReadBeforeARedactionCommittedIsNotKept() {
        Pdu a = message(roomId, alice, "secret");
        ParsedEvents parsed = new ParsedEvents();
        // What a reader that read the row just before the redaction's commit holds, put after it.
        StoredEvent unpruned = fromDatabase().event(a.eventId()).orElseThrow();
        parsed.stored(unpruned, 100);
        parsed.redacted(a.eventId());
        parsed.stored(unpruned, 100);
        assertThat(parsed.cached(a.eventId())).isEmpty();
    }

    /**
     * A user's first unread count in a room whose events since their receipt or own membership are
     * all in memory is counted there, as the database counts it: before and after the receipt, an
     * own event, events of uncounted types and state; at every position.
     */
    @Test
    void unreadCountsOfRoomsWrittenSinceStartComeFromMemoryAsTheDatabaseCountsThem() {
        JdbcReceiptStore receipts = new JdbcReceiptStore(db);
        JdbcRoomListStore database = new JdbcRoomListStore(db);
        Set<String> types = Set.of("m.room.message");
        persist(roomId, "m.room.member", alice.value(), alice, Json.MAPPER.createObjectNode().put("membership", "join"),
                Optional.empty());
        message(roomId, bob, "one");
        Pdu read = message(roomId, bob, "two");
        long readAt = writer.stream();
        message(roomId, bob, "three");
        persist(roomId, "m.reaction", null, alice, Json.MAPPER.createObjectNode(), Optional.empty());
        message(roomId, bob, "four");
        persist(roomId, "m.room.topic", "", bob, Json.MAPPER.createObjectNode().put("topic", "t"), Optional.empty());
        message(roomId, bob, "five");
        long newest = writer.stream();
        List<RoomId> rooms = List.of(roomId, otherRoom);
        for (boolean withReceipt : new boolean[] {false, true}) {
            if (withReceipt) {
                receipts.put(roomId, "m.read", alice, Optional.empty(), read.eventId(), readAt, 1);
            }
            for (long upTo = 1; upTo <= newest + 1; upTo++) {
                assertThat(roomLists.unreadCounts(alice, rooms, types, upTo)).as("up to %d", upTo)
                        .isEqualTo(database.unreadCounts(alice, rooms, types, upTo));
            }
        }
        assertThat(roomLists.unreadCounts(alice, rooms, types, newest)).containsOnly(Map.entry(roomId, 2L));
        // Rows changed behind the store's back: only the count from memory still sees the messages.
        db.write(c -> Sql.update(c, "UPDATE events SET type = 'x.tampered' WHERE room_id = ? AND type = 'm.room.message'",
                roomId.value()));
        assertThat(database.unreadCounts(alice, rooms, types, newest)).isEmpty();
        assertThat(roomLists.unreadCounts(alice, rooms, types, newest)).containsOnly(Map.entry(roomId, 2L));
    }
}
