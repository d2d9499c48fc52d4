package dev.parley.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.id.EventId;
import dev.parley.core.id.RoomId;
import dev.parley.core.id.UserId;
import dev.parley.core.json.Json;
import dev.parley.core.room.RoomVersions;
import dev.parley.store.DeviceRow;
import dev.parley.store.PresenceRow;
import dev.parley.store.ReceiptRow;
import dev.parley.store.RoomRow;
import dev.parley.store.ToDeviceMessage;
import dev.parley.store.ToDeviceStore.Target;
import dev.parley.testing.DialectDatabaseTest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The receipt, presence and to-device stores, on SQLite and PostgreSQL. */
class EphemeralStoresContractTest extends DialectDatabaseTest {
    private final UserId alice = UserId.parse("@alice:test.local");
    private final UserId bob = UserId.parse("@bob:test.local");
    private final UserId carol = UserId.parse("@carol:test.local");
    private final RoomId room = RoomId.parse("!room:test.local");
    private final RoomId other = RoomId.parse("!other:test.local");
    private final EventId first = EventId.parse("$first:test.local");
    private final EventId second = EventId.parse("$second:test.local");

    @BeforeEach
    void open() {
        createUsers(alice, bob, carol);
        JdbcRoomStore rooms = new JdbcRoomStore(db);
        rooms.createRoom(new RoomRow(room, RoomVersions.V10, alice, 1L, false));
        rooms.createRoom(new RoomRow(other, RoomVersions.V10, carol, 1L, false));
    }

    // Receipts

    @Test
    void receiptsTakeStreamPositionsAndOnlyMoveForward() {
        JdbcReceiptStore receipts = new JdbcReceiptStore(db);
        assertThat(receipts.position()).isZero();
        OptionalLong p1 = receipts.put(room, "m.read", alice, Optional.empty(), second, 20, 100);
        assertThat(p1).hasValue(1);
        // Older event: kept as it was, nothing new on the stream.
        assertThat(receipts.put(room, "m.read", alice, Optional.empty(), first, 10, 200)).isEmpty();
        // The same event again: no change either.
        assertThat(receipts.put(room, "m.read", alice, Optional.empty(), second, 20, 300)).isEmpty();
        // Thread and type are separate receipts.
        OptionalLong threaded = receipts.put(room, "m.read", alice, Optional.of("main"), first, 10, 400);
        OptionalLong hidden = receipts.put(room, "m.read.private", bob, Optional.empty(), first, 10, 500);
        assertThat(threaded.getAsLong()).isGreaterThan(p1.getAsLong());
        assertThat(hidden.getAsLong()).isGreaterThan(threaded.getAsLong());
        assertThat(receipts.position()).isEqualTo(hidden.getAsLong());

        List<ReceiptRow> all = receipts.inRooms(List.of(room, other), 0, receipts.position());
        assertThat(all).extracting(ReceiptRow::eventId).containsExactly(second, first, first);
        assertThat(all.getFirst()).isEqualTo(new ReceiptRow(room, "m.read", alice, Optional.empty(), second, 20, 100, 1));
        assertThat(all.get(1).threadId()).contains("main");
        assertThat(receipts.inRooms(List.of(room), p1.getAsLong(), threaded.getAsLong()))
                .extracting(ReceiptRow::streamPos).containsExactly(threaded.getAsLong());
        assertThat(receipts.inRooms(List.of(other), 0, receipts.position())).isEmpty();

        OptionalLong moved = receipts.put(room, "m.read", alice, Optional.empty(), EventId.parse("$third:test.local"), 30, 600);
        List<ReceiptRow> after = receipts.inRooms(List.of(room), hidden.getAsLong(), moved.getAsLong());
        assertThat(after).singleElement().satisfies(r -> assertThat(r.eventId().value()).isEqualTo("$third:test.local"));
    }

    @Test
    void concurrentReceiptsGetDistinctPositions() throws Exception {
        JdbcReceiptStore receipts = new JdbcReceiptStore(db);
        List<Long> positions = Collections.synchronizedList(new ArrayList<>());
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> writes = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                int n = i;
                writes.add(pool.submit(() -> positions.add(receipts.put(room, "m.read",
                        UserId.parse("@u" + n + ":test.local"), Optional.empty(), first, 1, n).getAsLong())));
            }
            for (Future<?> write : writes) {
                write.get();
            }
        }
        assertThat(positions).containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, 20).boxed().toList());
    }

    // Presence

    private void join(UserId user, RoomId roomId) {
        db.write(c -> Sql.update(c, "INSERT INTO current_state (room_id, type, state_key, event_id, membership)"
                + " VALUES (?, 'm.room.member', ?, ?, 'join')", roomId.value(), user.value(), "$m" + user.localpart()
                + roomId.value().hashCode()));
    }

    @Test
    void presenceIsSeenByThoseSharingAJoinedRoom() {
        join(alice, room);
        join(bob, room);
        join(carol, other);
        JdbcPresenceStore presence = new JdbcPresenceStore(db);
        long a = presence.put(alice, "online", Optional.of("hi"), 1000, true);
        long c = presence.put(carol, "unavailable", Optional.empty(), 900, false);
        assertThat(c).isGreaterThan(a);
        assertThat(presence.position()).isEqualTo(c);

        assertThat(presence.get(alice)).contains(new PresenceRow(alice, "online", Optional.of("hi"), 1000, true, a));
        assertThat(presence.visibleTo(bob, 0, c)).extracting(PresenceRow::userId).containsExactly(alice);
        assertThat(presence.visibleTo(carol, 0, c)).extracting(PresenceRow::userId).containsExactly(carol);
        assertThat(presence.visibleTo(bob, a, c)).isEmpty();
        assertThat(presence.shareARoom(alice, bob)).isTrue();
        assertThat(presence.shareARoom(alice, carol)).isFalse();
        assertThat(presence.observers(alice)).containsExactlyInAnyOrder(alice, bob);
        assertThat(presence.observers(carol)).containsExactly(carol);
        assertThat(presence.joinedMembersOf(List.of(room, other))).extracting(PresenceRow::userId)
                .containsExactlyInAnyOrder(alice, carol);

        presence.touch(alice, 5000);
        assertThat(presence.get(alice).orElseThrow().lastActiveTs()).isEqualTo(5000);
        assertThat(presence.get(alice).orElseThrow().streamPos()).isEqualTo(a);
        presence.touch(alice, 10);
        assertThat(presence.get(alice).orElseThrow().lastActiveTs()).as("touch never goes back").isEqualTo(5000);

        long off = presence.put(alice, "offline", Optional.empty(), 5000, false);
        assertThat(presence.notOffline()).extracting(PresenceRow::userId).containsExactly(carol);
        assertThat(presence.visibleTo(bob, c, off)).singleElement()
                .satisfies(row -> assertThat(row.state()).isEqualTo("offline"));
    }

    @Test
    void bothWaysOfFindingVisiblePresenceAgreeOnEveryRange() {
        UserId dave = UserId.parse("@dave:test.local");
        createUsers(dave);
        join(alice, room);
        join(bob, room);
        join(bob, other);
        join(carol, other);
        db.write(c -> Sql.update(c, "INSERT INTO current_state (room_id, type, state_key, event_id, membership)"
                + " VALUES (?, 'm.room.member', ?, '$left', 'leave')", room.value(), dave.value()));
        JdbcPresenceStore presence = new JdbcPresenceStore(db);
        List<Long> positions = new ArrayList<>();
        positions.add(0L);
        for (UserId user : List.of(alice, carol, dave, bob, dave, alice, carol)) {
            positions.add(presence.put(user, "online", Optional.empty(), 1000, true));
        }
        for (UserId observer : List.of(alice, bob, carol, dave)) {
            for (int from = 0; from < positions.size(); from++) {
                for (int to = from; to < positions.size(); to++) {
                    long after = positions.get(from);
                    long upTo = positions.get(to);
                    List<PresenceRow> byChanges = presence.visibleTo(observer, after, upTo, true);
                    assertThat(presence.visibleTo(observer, after, upTo, false))
                            .as("%s in (%d, %d]", observer, after, upTo).isEqualTo(byChanges);
                }
            }
        }
        long last = positions.getLast();
        assertThat(presence.visibleTo(bob, 0, last, true)).extracting(PresenceRow::userId)
                .as("bob shares a room with alice and one with carol; dave left").containsExactly(bob, alice, carol);
        assertThat(presence.visibleTo(alice, 0, last, true)).extracting(PresenceRow::userId).containsExactly(bob, alice);
        assertThat(presence.visibleTo(dave, 0, last, true)).extracting(PresenceRow::userId).containsExactly(dave);
        assertThat(presence.visibleTo(carol, positions.get(5), last, true)).extracting(PresenceRow::userId)
                .containsExactly(carol);
        assertThat(presence.visibleTo(bob, 0, last + JdbcPresenceStore.CHANGES_WALKED))
                .as("past the threshold the co-members are walked, same answer").extracting(PresenceRow::userId)
                .containsExactly(bob, alice, carol);
    }

    // Send-to-device

    private static ObjectNode content(int n) {
        return Json.MAPPER.createObjectNode().put("n", n);
    }

    @Test
    void toDeviceMessagesWaitPerDeviceInOrderUntilAcknowledged() {
        JdbcDeviceStore devices = new JdbcDeviceStore(db);
        devices.create(DeviceRow.create(bob, "PHONE", Optional.empty(), 1));
        devices.create(DeviceRow.create(bob, "LAPTOP", Optional.empty(), 1));
        JdbcToDeviceStore toDevice = new JdbcToDeviceStore(db);

        OptionalLong sent = toDevice.send(alice, "ADEV", "t1", "m.test", List.of(
                new Target(bob, "*", content(1)), new Target(bob, "NOPE", content(2))), 1);
        assertThat(sent).hasValue(2);
        assertThat(toDevice.send(alice, "ADEV", "t1", "m.test", List.of(new Target(bob, "*", content(1))), 2))
                .as("a repeated transaction").isEmpty();
        assertThat(toDevice.send(alice, "OTHERDEV", "t1", "m.test", List.of(new Target(bob, "PHONE", content(3))), 3))
                .as("another device's transaction").hasValue(3);
        assertThat(toDevice.position()).isEqualTo(3);

        List<ToDeviceMessage> phone = toDevice.pending(bob, "PHONE", 3, 100);
        assertThat(phone).extracting(m -> m.content().path("n").asInt()).containsExactly(1, 3);
        assertThat(phone.getFirst().sender()).isEqualTo(alice);
        assertThat(phone.getFirst().type()).isEqualTo("m.test");
        assertThat(toDevice.pending(bob, "LAPTOP", 3, 100)).extracting(m -> m.content().path("n").asInt()).containsExactly(1);
        assertThat(toDevice.pending(bob, "PHONE", 2, 100)).hasSize(1);
        assertThat(toDevice.pending(bob, "PHONE", 3, 1)).hasSize(1);

        assertThat(toDevice.oldest(bob, "PHONE")).hasValue(phone.getFirst().streamPos());
        assertThat(toDevice.deleteUpTo(bob, "PHONE", phone.getFirst().streamPos())).isEqualTo(1);
        assertThat(toDevice.pending(bob, "PHONE", 3, 100)).extracting(m -> m.content().path("n").asInt()).containsExactly(3);
        assertThat(toDevice.pending(bob, "LAPTOP", 3, 100)).hasSize(1);

        // Deleting a device deletes its inbox; positions never go back, even with every message gone.
        devices.delete(bob, List.of("PHONE", "LAPTOP"));
        assertThat(toDevice.oldest(bob, "LAPTOP")).isEmpty();
        assertThat(new JdbcToDeviceStore(db).position()).isEqualTo(3);
        devices.create(DeviceRow.create(bob, "PHONE", Optional.empty(), 1));
        assertThat(toDevice.send(alice, "ADEV", "t2", "m.test", List.of(new Target(bob, "PHONE", content(4))), 4))
                .hasValue(4);
    }
}
