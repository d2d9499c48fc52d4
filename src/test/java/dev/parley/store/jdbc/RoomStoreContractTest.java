package dev.parley.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

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
import dev.parley.testing.DialectDatabaseTest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
        rooms.persist(new NewEvent(1, first, Optional.empty(), Optional.of(1L), Optional.empty()));
        Pdu second = event("m.room.message", null, List.of(first));
        rooms.persist(new NewEvent(2, second, Optional.of(1L), Optional.empty(),
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
        rooms.persist(new NewEvent(1, prev, Optional.empty(), Optional.of(1L), Optional.empty()));
        int events = JdbcRoomStore.MAX_STATE_CHAIN * 2 + 5;
        for (int i = 2; i <= events; i++) {
            Pdu next = event("org.example.state", "key" + (i % 7), List.of(prev));
            rooms.persist(new NewEvent(i, next, Optional.of((long) i - 1), Optional.of((long) i), Optional.empty()));
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
        rooms.persist(new NewEvent(1, create, Optional.empty(), Optional.of(1L), Optional.empty()));
        ObjectNode join = Json.MAPPER.createObjectNode().put("membership", "join");
        Pdu member = EventBuilder.of(RoomVersions.V10, "m.room.member", alice).roomId(roomId).stateKey(alice.value())
                .content(join).prevEvents(List.of(create)).authEvents(List.of()).originServerTs(2L).sign("test.local", key);
        rooms.persist(new NewEvent(2, member, Optional.of(1L), Optional.of(2L), Optional.empty()));
        assertThat(rooms.roomsWithMembership(alice, "join")).containsExactly(roomId);
        assertThat(rooms.roomsWithMembership(alice, "invite")).isEmpty();
    }
}
