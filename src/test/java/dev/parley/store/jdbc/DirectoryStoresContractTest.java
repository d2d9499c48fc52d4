package dev.parley.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.crypto.SigningKey;
import dev.parley.core.event.EventBuilder;
import dev.parley.core.event.Pdu;
import dev.parley.core.id.RoomAlias;
import dev.parley.core.id.RoomId;
import dev.parley.core.id.UserId;
import dev.parley.core.json.Json;
import dev.parley.core.room.RoomVersions;
import dev.parley.store.NewEvent;
import dev.parley.store.PublishedRoom;
import dev.parley.store.RoomRow;
import dev.parley.testing.DialectDatabaseTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The alias, member and directory stores, on both databases. */
class DirectoryStoresContractTest extends DialectDatabaseTest {
    private JdbcRoomStore rooms;
    private JdbcRoomAliasStore aliases;
    private JdbcRoomMemberStore members;
    private JdbcRoomDirectoryStore directory;
    private final SigningKey key = SigningKey.generate("test");
    private final UserId alice = UserId.parse("@alice:test.local");
    private final UserId bob = UserId.parse("@bob:test.local");
    private final RoomId roomA = RoomId.parse("!a:test.local");
    private final RoomId roomB = RoomId.parse("!b:test.local");
    private final Map<RoomId, Pdu> last = new HashMap<>();
    private long position;

    @BeforeEach
    void open() {
        rooms = new JdbcRoomStore(db);
        aliases = new JdbcRoomAliasStore(db);
        members = new JdbcRoomMemberStore(db);
        directory = new JdbcRoomDirectoryStore(db);
        for (RoomId room : List.of(roomA, roomB)) {
            rooms.createRoom(new RoomRow(room, RoomVersions.V10, alice, 1L, false));
            state(room, "m.room.create", "", Json.MAPPER.createObjectNode().put("creator", alice.value()));
        }
    }

    /** Persists a state event after the room's previous one, with a state group of its own. */
    private Pdu state(RoomId room, String type, String stateKey, ObjectNode content) {
        Pdu prev = last.get(room);
        Pdu pdu = EventBuilder.of(RoomVersions.V10, type, alice).roomId(room).stateKey(stateKey).content(content)
                .prevEvents(prev == null ? List.of() : List.of(prev)).authEvents(List.of())
                .originServerTs(++position).sign("test.local", key);
        rooms.persist(new NewEvent(position, pdu, prev == null ? Optional.empty() : Optional.of(groupOf(prev)),
                Optional.of(position), Optional.empty(), Optional.empty()));
        last.put(room, pdu);
        return pdu;
    }

    private long groupOf(Pdu pdu) {
        return rooms.event(pdu.eventId()).orElseThrow().stateGroup();
    }

    private Pdu membership(RoomId room, UserId user, String membership) {
        return state(room, "m.room.member", user.value(), Json.MAPPER.createObjectNode().put("membership", membership));
    }

    @Test
    void aliasesAreCreatedOnceResolvedDeletedAndMoved() {
        RoomAlias lobby = RoomAlias.parse("#lobby:test.local");
        RoomAlias hall = RoomAlias.parse("#hall:test.local");
        assertThat(aliases.create(lobby, roomA, alice)).isTrue();
        assertThat(aliases.create(lobby, roomB, bob)).as("taken").isFalse();
        assertThat(aliases.create(hall, roomA, bob)).isTrue();
        assertThat(aliases.resolve(lobby)).contains(roomA);
        assertThat(aliases.creator(hall)).contains(bob);
        assertThat(aliases.aliasesOf(roomA)).containsExactly(hall, lobby);

        assertThat(aliases.moveAliases(roomA, roomB)).containsExactly(hall, lobby);
        assertThat(aliases.resolve(lobby)).contains(roomB);
        assertThat(aliases.creator(lobby)).as("the creator stays").contains(alice);
        assertThat(aliases.aliasesOf(roomA)).isEmpty();
        assertThat(aliases.moveAliases(roomA, roomB)).isEmpty();

        assertThat(aliases.delete(lobby)).isTrue();
        assertThat(aliases.delete(lobby)).isFalse();
        assertThat(aliases.resolve(lobby)).isEmpty();
        assertThat(aliases.aliasesOf(roomB)).containsExactly(hall);
    }

    @Test
    void joinedMembersFollowTheCurrentState() {
        membership(roomA, alice, "join");
        membership(roomA, bob, "invite");
        assertThat(members.joinedMembers(roomA)).containsExactly(alice);
        membership(roomA, bob, "join");
        assertThat(members.joinedMembers(roomA)).containsExactly(alice, bob);
        membership(roomA, alice, "leave");
        assertThat(members.joinedMembers(roomA)).containsExactly(bob);
        assertThat(members.joinedMembers(roomB)).isEmpty();
    }

    @Test
    void joinedRoomsFollowTheCurrentState() {
        membership(roomA, bob, "invite");
        assertThat(members.joinedRooms(bob)).isEmpty();
        membership(roomB, bob, "join");
        membership(roomA, bob, "join");
        assertThat(members.joinedRooms(bob)).containsExactly(roomA, roomB);
        membership(roomA, bob, "leave");
        membership(roomB, alice, "join");
        assertThat(members.joinedRooms(bob)).containsExactly(roomB);
        assertThat(members.joinedRooms(alice)).containsExactly(roomB);
    }

    @Test
    void aForgottenRoomStaysForgottenUntilTheMembershipChanges() {
        membership(roomA, bob, "join");
        Pdu left = membership(roomA, bob, "leave");
        Pdu leftB = membership(roomB, bob, "ban");
        assertThat(members.isForgotten(bob, roomA)).isFalse();
        members.forget(bob, roomA, left.eventId());
        members.forget(bob, roomA, left.eventId());
        members.forget(bob, roomB, leftB.eventId());
        assertThat(members.isForgotten(bob, roomA)).isTrue();
        assertThat(members.isForgotten(alice, roomA)).isFalse();
        assertThat(members.forgottenRooms(bob)).containsExactly(roomA, roomB);

        membership(roomA, bob, "invite");
        assertThat(members.isForgotten(bob, roomA)).as("a new invite ends it").isFalse();
        assertThat(members.forgottenRooms(bob)).containsExactly(roomB);
        Pdu leftAgain = membership(roomA, bob, "leave");
        assertThat(members.isForgotten(bob, roomA)).as("an older mark does not come back").isFalse();
        members.forget(bob, roomA, leftAgain.eventId());
        assertThat(members.isForgotten(bob, roomA)).isTrue();
    }

    @Test
    void publishedRoomsCarryTheirDirectoryStateAndMemberCounts() {
        membership(roomA, alice, "join");
        membership(roomA, bob, "join");
        state(roomA, "m.room.name", "", Json.MAPPER.createObjectNode().put("name", "Room A"));
        state(roomA, "m.room.name", "", Json.MAPPER.createObjectNode().put("name", "Renamed"));
        state(roomA, "org.example.other", "", Json.MAPPER.createObjectNode().put("x", 1));
        state(roomA, "m.room.topic", "not-empty", Json.MAPPER.createObjectNode().put("topic", "keyed"));
        assertThat(directory.publishedRooms()).isEmpty();

        aliases.setPublished(roomA, true);
        aliases.setPublished(roomB, true);
        List<PublishedRoom> published = directory.publishedRooms();
        assertThat(published).extracting(PublishedRoom::roomId).containsExactly(roomA, roomB);
        PublishedRoom a = published.getFirst();
        assertThat(a.joinedMembers()).isEqualTo(2);
        assertThat(a.state()).containsOnlyKeys("m.room.create", "m.room.name");
        assertThat(a.state().get("m.room.name").path("name").asText()).isEqualTo("Renamed");
        assertThat(published.get(1).joinedMembers()).isZero();

        aliases.setPublished(roomA, false);
        assertThat(directory.publishedRooms()).extracting(PublishedRoom::roomId).containsExactly(roomB);
        assertThat(rooms.room(roomB).orElseThrow().published()).isTrue();
    }
}
