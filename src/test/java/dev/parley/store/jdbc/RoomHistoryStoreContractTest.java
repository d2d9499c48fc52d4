package dev.parley.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.event.Pdu;
import dev.parley.core.id.EventId;
import dev.parley.core.id.RoomId;
import dev.parley.core.id.UserId;
import dev.parley.core.json.Json;
import dev.parley.core.room.RoomVersion;
import dev.parley.core.room.RoomVersions;
import dev.parley.store.RoomRow;
import dev.parley.store.StoredEvent;
import dev.parley.testing.DialectDatabaseTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The room store's history, redaction and relation methods, on both databases. */
class RoomHistoryStoreContractTest extends DialectDatabaseTest {
    private JdbcRoomStore rooms;
    private EventWriter writer;
    private final UserId alice = UserId.parse("@alice:test.local");
    private final UserId bob = UserId.parse("@bob:test.local");
    private final RoomId roomId = RoomId.parse("!room:test.local");
    private final RoomId otherRoom = RoomId.parse("!other:test.local");
    private Pdu create;

    @BeforeEach
    void open() {
        rooms = new JdbcRoomStore(db);
        writer = new EventWriter(rooms);
        rooms.createRoom(new RoomRow(roomId, RoomVersions.V10, alice, 1L, false));
        rooms.createRoom(new RoomRow(otherRoom, RoomVersions.V11, alice, 1L, false));
        create = persist(roomId, RoomVersions.V10, "m.room.create", "", alice,
                Json.MAPPER.createObjectNode().put("creator", alice.value()), List.of(), 1, 1, Optional.empty());
        persist(otherRoom, RoomVersions.V11, "m.room.create", "", alice, Json.MAPPER.createObjectNode(), List.of(), 1, 1,
                Optional.empty());
    }

    private Pdu persist(RoomId room, RoomVersion version, String type, String stateKey, UserId sender, ObjectNode content,
                        List<Pdu> prev, long depth, long ts, Optional<EventId> redacts) {
        return writer.persist(room, version, type, stateKey, sender, content, prev, depth, ts, redacts);
    }

    private Pdu message(String body, List<Pdu> prev, long depth, long ts) {
        return persist(roomId, RoomVersions.V10, "m.room.message", null, alice, content(body), prev, depth, ts, Optional.empty());
    }

    private static ObjectNode content(String body) {
        return Json.MAPPER.createObjectNode().put("body", body);
    }

    private static List<String> bodies(List<StoredEvent> events) {
        return events.stream().map(e -> e.pdu().content().path("body").asText()).toList();
    }

    @Test
    void pagesByDepthThenStreamOrderingInBothDirections() {
        Pdu a = message("a", List.of(create), 2, 20);
        // Two events at the same depth (a fork) are ordered by stream ordering.
        Pdu b1 = message("b1", List.of(a), 3, 30);
        Pdu b2 = message("b2", List.of(a), 3, 31);
        message("c", List.of(b1, b2), 4, 40);
        persist(otherRoom, RoomVersions.V11, "m.room.message", null, alice, content("elsewhere"), List.of(), 5, 50, Optional.empty());

        assertThat(bodies(rooms.eventsBefore(roomId, Long.MAX_VALUE, Long.MAX_VALUE, 10))).containsExactly("c", "b2", "b1", "a", "");
        long b1Stream = rooms.event(b1.eventId()).orElseThrow().streamOrdering();
        assertThat(bodies(rooms.eventsBefore(roomId, 3, b1Stream, 10))).containsExactly("b1", "a", "");
        assertThat(bodies(rooms.eventsBefore(roomId, 3, b1Stream + 1, 2))).containsExactly("b2", "b1");
        assertThat(bodies(rooms.eventsAfter(roomId, 0, 0, 10))).containsExactly("", "a", "b1", "b2", "c");
        assertThat(bodies(rooms.eventsAfter(roomId, 3, b1Stream, 10))).containsExactly("b2", "c");
        assertThat(rooms.eventsAfter(roomId, 4, Long.MAX_VALUE, 10)).isEmpty();
        assertThat(rooms.maxDepthUpTo(roomId, b1Stream)).isEqualTo(3);
        assertThat(rooms.maxDepthUpTo(roomId, 100)).isEqualTo(4);
        assertThat(rooms.maxDepthUpTo(roomId, 0)).isZero();

        assertThat(bodies(rooms.eventsByTimestamp(roomId, 30, true, 2))).containsExactly("b1", "b2");
        assertThat(bodies(rooms.eventsByTimestamp(roomId, 30, false, 2))).containsExactly("b1", "a");
        assertThat(rooms.eventsByTimestamp(roomId, 41, true, 5)).isEmpty();
    }

    @Test
    void membershipHistoryOfOneUser() {
        Pdu join = persist(roomId, RoomVersions.V10, "m.room.member", bob.value(), bob,
                Json.MAPPER.createObjectNode().put("membership", "join"), List.of(create), 2, 2, Optional.empty());
        persist(roomId, RoomVersions.V10, "m.room.member", alice.value(), alice,
                Json.MAPPER.createObjectNode().put("membership", "join"), List.of(join), 3, 3, Optional.empty());
        Pdu leave = persist(roomId, RoomVersions.V10, "m.room.member", bob.value(), bob,
                Json.MAPPER.createObjectNode().put("membership", "leave"), List.of(join), 4, 4, Optional.empty());
        assertThat(rooms.memberEvents(roomId, bob).stream().map(e -> e.pdu().eventId()).toList())
                .containsExactly(join.eventId(), leave.eventId());
        assertThat(rooms.memberEvents(otherRoom, bob)).isEmpty();
    }

    @Test
    void relationsAreStoredFilteredAndPaged() {
        Pdu root = message("root", List.of(create), 2, 2);
        List<Pdu> children = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ObjectNode c = content("t" + i);
            c.putObject("m.relates_to").put("rel_type", i % 2 == 0 ? "m.thread" : "m.reference").put("event_id", root.eventId().value());
            children.add(persist(roomId, RoomVersions.V10, i == 3 ? "m.reaction" : "m.room.message", null, alice, c,
                    List.of(root), 2 + i, 2 + i, Optional.empty()));
        }
        Pdu grandchild = relatedTo(children.get(0), "m.thread", "g");
        // Malformed relations are ignored: no rel_type, a non-string event_id.
        ObjectNode noType = content("bad1");
        noType.putObject("m.relates_to").put("event_id", root.eventId().value());
        message2(noType);
        ObjectNode badId = content("bad2");
        badId.putObject("m.relates_to").put("rel_type", "m.thread").put("event_id", 5);
        message2(badId);

        List<EventId> parent = List.of(root.eventId());
        assertThat(bodies(rooms.relatedEvents(roomId, parent, Optional.empty(), Optional.empty(), Long.MAX_VALUE, Long.MAX_VALUE,
                false, 10))).containsExactly("t3", "t2", "t1", "t0");
        assertThat(bodies(rooms.relatedEvents(roomId, parent, Optional.of("m.thread"), Optional.empty(), 0, 0, true, 10)))
                .containsExactly("t0", "t2");
        assertThat(bodies(rooms.relatedEvents(roomId, parent, Optional.of("m.reference"), Optional.of("m.reaction"),
                Long.MAX_VALUE, Long.MAX_VALUE, false, 10))).containsExactly("t3");
        long t1Stream = rooms.event(children.get(1).eventId()).orElseThrow().streamOrdering();
        assertThat(bodies(rooms.relatedEvents(roomId, parent, Optional.empty(), Optional.empty(), 3, t1Stream, false, 1)))
                .containsExactly("t1");
        assertThat(bodies(rooms.relatedEvents(roomId, parent, Optional.empty(), Optional.empty(), 3, t1Stream - 1, false, 5)))
                .containsExactly("t0");
        assertThat(rooms.relatedEventIds(roomId, parent, Optional.of("m.thread"), Optional.empty()))
                .containsExactly(children.get(0).eventId(), children.get(2).eventId());
        assertThat(rooms.relatedEventIds(roomId, List.of(children.get(0).eventId()), Optional.empty(), Optional.empty()))
                .containsExactly(grandchild.eventId());
        assertThat(rooms.relatedEventIds(otherRoom, parent, Optional.empty(), Optional.empty())).isEmpty();
    }

    private Pdu relatedTo(Pdu parent, String relType, String body) {
        ObjectNode c = content(body);
        c.putObject("m.relates_to").put("rel_type", relType).put("event_id", parent.eventId().value());
        return persist(roomId, RoomVersions.V10, "m.room.message", null, alice, c, List.of(parent), parent.depth() + 10,
                1, Optional.empty());
    }

    private void message2(ObjectNode content) {
        persist(roomId, RoomVersions.V10, "m.room.message", null, alice, content, List.of(), 50, 1, Optional.empty());
    }

    @Test
    void aRedactionPrunesItsTargetInTheSameTransactionPerRoomVersion() {
        Pdu root = message("root", List.of(create), 2, 2);
        Pdu child = relatedTo(root, "m.thread", "child");
        ObjectNode reasoned = Json.MAPPER.createObjectNode().put("reason", "spam");
        Pdu redaction = persist(roomId, RoomVersions.V10, "m.room.redaction", null, alice, reasoned, List.of(child), 20, 20,
                Optional.of(child.eventId()));
        assertThat(rooms.event(root.eventId()).orElseThrow().pdu()).as("kept parsed from when it was stored")
                .isSameAs(root);
        StoredEvent pruned = rooms.event(child.eventId()).orElseThrow();
        assertThat(pruned.redactedBy()).contains(redaction.eventId().value());
        assertThat(pruned.pdu()).as("parsed again from the pruned row").isNotSameAs(child);
        assertThat(pruned.pdu().content().isEmpty()).isTrue();
        assertThat(pruned.pdu().json().has("hashes")).as("the algorithm keeps hashes").isTrue();
        assertThat(rooms.relatedEventIds(roomId, List.of(root.eventId()), Optional.empty(), Optional.empty()))
                .as("a redacted child's relation is broken").isEmpty();
        assertThat(rooms.event(redaction.eventId()).orElseThrow().pdu().content().path("reason").asText()).isEqualTo("spam");

        // A second redaction of the same event leaves the first as redacted_by.
        persist(roomId, RoomVersions.V10, "m.room.redaction", null, alice, reasoned, List.of(redaction), 21, 21,
                Optional.of(child.eventId()));
        assertThat(rooms.event(child.eventId()).orElseThrow().redactedBy()).contains(redaction.eventId().value());

        // v11 keeps content.redacts when a redaction is itself redacted.
        Pdu target = persist(otherRoom, RoomVersions.V11, "m.room.message", null, alice, content("x"), List.of(), 1, 1, Optional.empty());
        Pdu r1 = persist(otherRoom, RoomVersions.V11, "m.room.redaction", null, alice, reasoned, List.of(target), 2, 2,
                Optional.of(target.eventId()));
        persist(otherRoom, RoomVersions.V11, "m.room.redaction", null, alice, reasoned, List.of(r1), 3, 3, Optional.of(r1.eventId()));
        ObjectNode r1Content = rooms.event(r1.eventId()).orElseThrow().pdu().content();
        assertThat(r1Content.path("redacts").asText()).isEqualTo(target.eventId().value());
        assertThat(r1Content.has("reason")).isFalse();
    }

    @Test
    void aRedactionWaitsForATargetStoredLaterAndNeverCrossesRooms() {
        Pdu root = message("root", List.of(create), 2, 2);
        // Build the target first (to know its ID) but store it after the redaction.
        Pdu late = unstoredMessage("late", root);
        Pdu redaction = redaction(late.eventId(), root, 2);
        store(late);
        StoredEvent stored = rooms.event(late.eventId()).orElseThrow();
        assertThat(stored.redactedBy()).contains(redaction.eventId().value());
        assertThat(stored.pdu()).as("stored pruned, so not kept as built").isNotSameAs(late);
        assertThat(stored.pdu().content().isEmpty()).isTrue();

        // A redaction in another room does not touch this room's event.
        persist(otherRoom, RoomVersions.V11, "m.room.redaction", null, alice, Json.MAPPER.createObjectNode(), List.of(), 1, 1,
                Optional.of(root.eventId()));
        assertThat(rooms.event(root.eventId()).orElseThrow().redactedBy()).isEmpty();
        assertThat(rooms.event(root.eventId()).orElseThrow().pdu().content().path("body").asText()).isEqualTo("root");
    }

    @Test
    void aRedactionStoredBeforeARestartStillWaitsForItsTarget() {
        Pdu root = message("root", List.of(create), 2, 2);
        Pdu late = unstoredMessage("late", root);
        Pdu redaction = redaction(late.eventId(), root, 2);
        // An applied redaction, so the restarted store has both kinds to tell apart.
        redaction(root.eventId(), root, 3);

        rooms = new JdbcRoomStore(db); // the server restarted over the same database
        store(late);
        StoredEvent stored = rooms.event(late.eventId()).orElseThrow();
        assertThat(stored.redactedBy()).contains(redaction.eventId().value());
        assertThat(stored.pdu().content().isEmpty()).isTrue();
        Pdu after = message("after", List.of(late), 4, 4);
        assertThat(rooms.event(after.eventId()).orElseThrow().redactedBy()).isEmpty();
    }

    /** A message after {@code prev} at depth 3, built (to know its ID) but not stored. */
    private Pdu unstoredMessage(String body, Pdu prev) {
        return writer.build(roomId, RoomVersions.V10, "m.room.message", null, alice, content(body), List.of(prev), 3, 3,
                Optional.empty());
    }

    private Pdu redaction(EventId target, Pdu prev, long depth) {
        return persist(roomId, RoomVersions.V10, "m.room.redaction", null, alice, Json.MAPPER.createObjectNode(),
                List.of(prev), depth, depth, Optional.of(target));
    }

    private void store(Pdu message) {
        writer.store(message);
    }
}
