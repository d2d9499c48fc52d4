package dev.parley.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The bounds of {@link RelationParents}: what it forgets is asked of the database, never answered wrong. */
class RelationParentsTest extends DialectDatabaseTest {
    private final SigningKey key = SigningKey.generate("test");
    private final UserId alice = UserId.parse("@alice:test.local");
    private final RoomId roomId = RoomId.parse("!room:test.local");
    private final List<EventId> asked = new ArrayList<>();
    private Pdu stored;

    @BeforeEach
    void open() {
        JdbcRoomStore rooms = new JdbcRoomStore(db);
        rooms.createRoom(new RoomRow(roomId, RoomVersions.V10, alice, 1L, false));
        stored = EventBuilder.of(RoomVersions.V10, "m.room.create", alice).roomId(roomId).stateKey("")
                .content(Json.MAPPER.createObjectNode()).prevEvents(List.of()).authEvents(List.of()).originServerTs(1000L)
                .sign("test.local", key);
        rooms.persist(new NewEvent(1, stored, Optional.empty(), Optional.of(1L), Optional.empty(), Optional.empty()));
    }

    private Pdu pdu(String body) {
        ObjectNode content = Json.MAPPER.createObjectNode().put("body", body);
        return EventBuilder.of(RoomVersions.V10, "m.room.message", alice).roomId(roomId).content(content)
                .prevEvents(List.of()).authEvents(List.of()).originServerTs(1000L).sign("test.local", key);
    }

    private void inserted(RelationParents parents, long position, Optional<Pdu> parent) {
        db.write(c -> {
            if (parent.isPresent()) {
                Sql.update(c, "INSERT INTO event_relations (event_id, room_id, relates_to, rel_type) VALUES (?, ?, ?, ?)",
                        "$child" + position, roomId.value(), parent.get().eventId().value(), "m.reference");
            }
            parents.inserted(c, position, parent.map(p -> p.eventId().value()));
            return null;
        });
    }

    private Set<EventId> of(RelationParents parents, StoredEvent... events) {
        asked.clear();
        return parents.of(List.of(events), ids -> {
            asked.addAll(ids);
            return Set.of();
        });
    }

    private static StoredEvent at(long position, Pdu pdu) {
        return new StoredEvent(position, pdu, 1L, Optional.empty(), Optional.empty());
    }

    @Test
    void droppedParentsAreAskedOfTheDatabaseButParentsRelatedToBeforeTheyWereStoredAreKept() {
        RelationParents parents = new RelationParents(db, 1, 1, 10);
        Pdu early = pdu("related to before it was stored");
        Pdu between = pdu("stored before the parents were dropped");
        Pdu later = pdu("stored after");
        inserted(parents, 2, Optional.of(early));
        inserted(parents, 3, Optional.empty());
        assertThat(of(parents, at(3, between), at(2, later))).isEmpty();
        assertThat(asked).isEmpty();

        inserted(parents, 4, Optional.of(stored)); // two parents: more than the one kept
        inserted(parents, 5, Optional.empty());
        assertThat(of(parents, at(1, stored), at(3, between), at(6, early), at(7, later)))
                .containsExactly(early.eventId());
        assertThat(asked).containsExactlyInAnyOrder(stored.eventId(), between.eventId());
    }

    @Test
    void tooManyParentsNotStoredYetSendEveryQuestionToTheDatabase() {
        RelationParents parents = new RelationParents(db, 1, 100, 1);
        Pdu first = pdu("first");
        Pdu second = pdu("second");
        inserted(parents, 2, Optional.of(first));
        assertThat(of(parents, at(3, first))).containsExactly(first.eventId());
        inserted(parents, 3, Optional.of(second));
        assertThat(of(parents, at(4, first), at(5, second))).isEmpty();
        assertThat(asked).containsExactlyInAnyOrder(first.eventId(), second.eventId());
        assertThat(of(new RelationParents(db, 3, 100, 1), at(4, first))).as("known at start-up too").isEmpty();
        assertThat(asked).containsExactly(first.eventId());
    }
}
