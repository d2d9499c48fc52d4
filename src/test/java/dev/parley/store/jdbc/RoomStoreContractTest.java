package dev.parley.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.auth.StateKey;
import dev.parley.core.crypto.SigningKey;
import dev.parley.core.event.EventBuilder;
import dev.parley.core.event.Pdu;
import dev.parley.core.id.EventId;
import dev.parley.core.id.RoomId;
import dev.parley.core.id.UserId;
import dev.parley.core.json.Json;
import dev.parley.core.room.RoomVersions;
import dev.parley.store.NewEvent;
import dev.parley.store.RoomRow;
import dev.parley.store.StoredEvent;
import dev.parley.testing.DialectDatabaseTest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RoomStoreContractTest extends DialectDatabaseTest {
    private JdbcRoomStore rooms;
    private final SigningKey key = SigningKey.generate("test");
    private final UserId alice = UserId.parse("@alice:test.local");
    private final RoomId roomId = RoomId.parse("!room:test.local");

    @BeforeEach
    void open() {
        rooms = new JdbcRoomStore(db);
        rooms.createRoom(new RoomRow(roomId, RoomVersions.V10, alice, 1L, false));
    }

    private Pdu event(String type, String stateKey, List<Pdu> prev) {
        ObjectNode content = Json.MAPPER.createObjectNode().put("n", prev.size());
        EventBuilder b = EventBuilder.of(RoomVersions.V10, type, alice).roomId(roomId).content(content)
                .prevEvents(prev).authEvents(List.of()).originServerTs(1000L);
        if (stateKey != null) {
            b.stateKey(stateKey);
        }
        return b.sign("test.local", key);
    }

    @Test
    void persistsEventsEdgesExtremitiesAndTransactions() {
        Pdu first = event("m.room.create", "", List.of());
        rooms.persist(new NewEvent(1, first, Optional.empty(), Optional.of(1L), Optional.empty(), Optional.empty()));
        Pdu second = event("m.room.message", null, List.of(first));
        rooms.persist(new NewEvent(2, second, Optional.of(1L), Optional.empty(), Optional.empty(),
                Optional.of(new NewEvent.Transaction(alice.value(), "DEV", "txn", 5L))));
        assertThat(rooms.forwardExtremities(roomId)).containsExactly(second.eventId());
        assertThat(rooms.event(second.eventId()).orElseThrow().pdu().content().path("n").asInt()).isEqualTo(1);
        assertThat(rooms.event(second.eventId()).orElseThrow().stateGroup()).isEqualTo(1L);
        assertThat(rooms.transaction(alice.value(), "DEV", "txn")).contains(second.eventId());
        assertThat(rooms.transaction(alice.value(), "OTHER", "txn")).isEmpty();
        assertThat(rooms.transactionIds(alice.value(), "DEV", 10)).containsExactly("txn");
        assertThat(rooms.transactionIds(alice.value(), "OTHER", 10)).isEmpty();
        assertThat(rooms.events(List.of(first.eventId(), second.eventId(), EventId.parse("$missing:test.local")))).hasSize(2);
        assertThat(rooms.maxStreamOrdering()).isEqualTo(2);
        assertThat(rooms.maxStateGroup()).isEqualTo(1);
    }

    @Test
    void stateGroupsResolveThroughDeltaChainsThatStayShort() {
        Pdu prev = event("m.room.create", "", List.of());
        rooms.persist(new NewEvent(1, prev, Optional.empty(), Optional.of(1L), Optional.empty(), Optional.empty()));
        int events = JdbcRoomStore.MAX_STATE_CHAIN * 2 + 5;
        for (int i = 2; i <= events; i++) {
            Pdu next = event("org.example.state", "key" + (i % 7), List.of(prev));
            rooms.persist(new NewEvent(i, next, Optional.of((long) i - 1), Optional.of((long) i), Optional.empty(), Optional.empty()));
            prev = next;
        }
        Map<StateKey, EventId> last = rooms.stateGroup(events);
        assertThat(last).hasSize(8); // the create event and seven keys
        assertThat(last.get(new StateKey("org.example.state", "key" + (events % 7)))).isEqualTo(prev.eventId());
        assertThat(rooms.currentState(roomId)).isEqualTo(last);
        assertThat(rooms.currentStateEvent(roomId, new StateKey("m.room.create", ""))).isPresent();
        long longest = db.<Long>read(c -> Sql.count(c, "SELECT MAX(chain_length) FROM state_groups"));
        assertThat(longest).isLessThan(JdbcRoomStore.MAX_STATE_CHAIN);
        // An early group still shows the state as it was then.
        assertThat(rooms.stateGroup(3)).hasSize(3);
    }

    @Test
    void currentMembershipsAreQueryable() {
        Pdu create = event("m.room.create", "", List.of());
        rooms.persist(new NewEvent(1, create, Optional.empty(), Optional.of(1L), Optional.empty(), Optional.empty()));
        ObjectNode join = Json.MAPPER.createObjectNode().put("membership", "join");
        Pdu member = EventBuilder.of(RoomVersions.V10, "m.room.member", alice).roomId(roomId).stateKey(alice.value())
                .content(join).prevEvents(List.of(create)).authEvents(List.of()).originServerTs(2L).sign("test.local", key);
        rooms.persist(new NewEvent(2, member, Optional.of(1L), Optional.of(2L), Optional.empty(), Optional.empty()));
        assertThat(rooms.roomsWithMembership(alice, "join")).containsExactly(roomId);
        assertThat(rooms.roomsWithMembership(alice, "invite")).isEmpty();
    }

    private Pdu message(String body, Optional<EventId> relatesTo, List<Pdu> prev) {
        ObjectNode content = Json.MAPPER.createObjectNode().put("body", body);
        relatesTo.ifPresent(parent -> content.putObject("m.relates_to").put("rel_type", "m.reference")
                .put("event_id", parent.value()));
        return EventBuilder.of(RoomVersions.V10, "m.room.message", alice).roomId(roomId).content(content)
                .prevEvents(prev).authEvents(List.of()).originServerTs(1000L).sign("test.local", key);
    }

    private void store(long position, Pdu... pdus) {
        for (Pdu pdu : pdus) {
            rooms.persist(new NewEvent(position++, pdu, Optional.of(1L), Optional.empty(), Optional.empty(), Optional.empty()));
        }
    }

    /**
     * Events related to are found whether they and their children were stored before this store
     * started or after, including an event that something related to before it was stored, by
     * this store or by an earlier one.
     */
    @Test
    void eventsWithRelationsAreFoundAcrossRestarts() {
        Pdu create = event("m.room.create", "", List.of());
        rooms.persist(new NewEvent(1, create, Optional.empty(), Optional.of(1L), Optional.empty(), Optional.empty()));
        Pdu oldParent = message("old", Optional.empty(), List.of(create));
        Pdu oldChild = message("old child", Optional.of(oldParent.eventId()), List.of(oldParent));
        Pdu oldLonely = message("old lonely", Optional.empty(), List.of(oldChild));
        Pdu early = message("arrives after a restart", Optional.empty(), List.of(oldLonely));
        Pdu earlyChild = message("before its parent", Optional.of(early.eventId()), List.of(oldLonely));
        store(2, oldParent, oldChild, oldLonely, earlyChild);

        rooms = new JdbcRoomStore(db);
        Pdu newChildOfOld = message("new child of old", Optional.of(oldLonely.eventId()), List.of(earlyChild));
        Pdu newParent = message("new", Optional.empty(), List.of(newChildOfOld));
        Pdu newChild = message("new child", Optional.of(newParent.eventId()), List.of(newParent));
        Pdu newLonely = message("new lonely", Optional.empty(), List.of(newChild));
        Pdu late = message("arrives later", Optional.empty(), List.of(newLonely));
        Pdu lateChild = message("before its parent too", Optional.of(late.eventId()), List.of(newLonely));
        store(6, newChildOfOld, newParent, newChild, newLonely, lateChild, early, late);

        List<StoredEvent> all = rooms.events(Stream.of(oldParent, oldChild, oldLonely, earlyChild, newChildOfOld,
                newParent, newChild, newLonely, lateChild, early, late).map(Pdu::eventId).toList());
        assertThat(all).hasSize(11);
        assertThat(rooms.parentsWithRelations(all)).containsExactlyInAnyOrder(oldParent.eventId(),
                oldLonely.eventId(), newParent.eventId(), early.eventId(), late.eventId());
        rooms = new JdbcRoomStore(db);
        assertThat(rooms.parentsWithRelations(all)).containsExactlyInAnyOrder(oldParent.eventId(),
                oldLonely.eventId(), newParent.eventId(), early.eventId(), late.eventId());
    }

    /**
     * The replaced state event the pipeline recorded comes back with the event: as written, and
     * read by a store that never saw it, through each way events are read.
     */
    @Test
    void aStateEventKeepsTheEventItReplaced() {
        Pdu create = event("m.room.create", "", List.of());
        rooms.persist(new NewEvent(1, create, Optional.empty(), Optional.of(1L), Optional.empty(), Optional.empty()));
        Pdu first = event("org.example.state", "k", List.of(create));
        rooms.persist(new NewEvent(2, first, Optional.of(1L), Optional.of(2L), Optional.empty(), Optional.empty()));
        Pdu second = event("org.example.state", "k", List.of(first));
        rooms.persist(new NewEvent(3, second, Optional.of(2L), Optional.of(3L), Optional.of(first.eventId()), Optional.empty()));
        Pdu text = message("hi", Optional.empty(), List.of(second));
        rooms.persist(new NewEvent(4, text, Optional.of(3L), Optional.empty(), Optional.empty(), Optional.empty()));

        List<Optional<EventId>> replaced = List.of(Optional.empty(), Optional.empty(), Optional.of(first.eventId()),
                Optional.empty());
        // From memory, as written; then each read on a store of its own, so the row is parsed.
        assertThat(rooms.recentEvents(roomId, 0, 4, 10)).extracting(StoredEvent::replacesState).isEqualTo(replaced);
        assertThat(rooms.event(second.eventId()).orElseThrow().replacesState()).contains(first.eventId());
        assertThat(new JdbcRoomStore(db).event(second.eventId()).orElseThrow().replacesState()).contains(first.eventId());
        assertThat(new JdbcRoomStore(db).events(List.of(first.eventId(), second.eventId(), text.eventId())))
                .filteredOn(e -> e.replacesState().isPresent()).extracting(e -> e.pdu().eventId())
                .containsExactly(second.eventId());
        assertThat(new JdbcRoomStore(db).recentEvents(roomId, 0, 4, 10)).extracting(StoredEvent::replacesState)
                .isEqualTo(replaced);
        assertThat(new JdbcRoomStore(db).recentEvents(List.of(roomId), 0, 4, 10).get(roomId))
                .extracting(StoredEvent::replacesState).isEqualTo(replaced);
        assertThat(new JdbcRoomStore(db).eventsAfter(roomId, 0, 0, 10)).extracting(StoredEvent::replacesState)
                .isEqualTo(replaced);
        assertThatThrownBy(() -> new NewEvent(5, text, Optional.of(3L), Optional.empty(), Optional.of(first.eventId()),
                Optional.empty())).as("only state replaces state").isInstanceOf(IllegalArgumentException.class);
    }
}
