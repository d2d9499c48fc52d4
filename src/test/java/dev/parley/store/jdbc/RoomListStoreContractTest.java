package dev.parley.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.auth.StateKey;
import dev.parley.core.id.EventId;
import dev.parley.core.id.RoomId;
import dev.parley.core.id.UserId;
import dev.parley.core.room.RoomVersions;
import dev.parley.service.sync.UnreadCounts;
import dev.parley.store.RoomListStore;
import dev.parley.store.RoomListStore.UserRoom;
import dev.parley.store.RoomRow;
import dev.parley.testing.DialectDatabaseTest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The batch room-list reads, on SQLite and PostgreSQL. */
class RoomListStoreContractTest extends DialectDatabaseTest {
    /** Every position: counts and ranges up to the newest event. */
    private static final long ALL = Long.MAX_VALUE;

    private JdbcRoomListStore store;
    private final UserId alice = UserId.parse("@alice:test.local");
    private final UserId bob = UserId.parse("@bob:test.local");
    private final RoomId one = RoomId.parse("!one:test.local");
    private final RoomId two = RoomId.parse("!two:test.local");
    private final RoomId three = RoomId.parse("!three:test.local");
    private long stream;

    @BeforeEach
    void open() {
        store = new JdbcRoomListStore(db);
        JdbcRoomStore rooms = new JdbcRoomStore(db);
        for (RoomId room : List.of(one, two, three)) {
            rooms.createRoom(new RoomRow(room, RoomVersions.V10, alice, 1L, false));
        }
    }

    /** Inserts an event row (and, for state, its current-state entry) directly: these reads only need the rows. */
    private EventId event(RoomId room, String type, String stateKey, UserId sender, String membership) {
        long position = ++stream;
        EventId id = EventId.parse("$e" + position + ":test.local");
        db.write(c -> {
            Sql.update(c, "INSERT INTO events (stream_ordering, event_id, room_id, type, state_key, sender, depth,"
                    + " origin_server_ts, json, state_group) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", position, id.value(),
                    room.value(), type, stateKey, sender.value(), position, position, "{}", 0L);
            if (stateKey != null) {
                Sql.update(c, "DELETE FROM current_state WHERE room_id = ? AND type = ? AND state_key = ?",
                        room.value(), type, stateKey);
                Sql.update(c, "INSERT INTO current_state (room_id, type, state_key, event_id, membership)"
                        + " VALUES (?, ?, ?, ?, ?)", room.value(), type, stateKey, id.value(), membership);
            }
            return null;
        });
        return id;
    }

    private void member(RoomId room, UserId user, UserId sender, String membership) {
        event(room, StateKey.MEMBER, user.value(), sender, membership);
    }

    @Test
    void userRoomsListEveryMembershipWithItsPositionSenderAndTheRoomsNewestEvent() {
        member(one, alice, alice, "join");
        member(two, bob, bob, "join");
        member(two, alice, bob, "invite");
        member(three, alice, alice, "join");
        member(three, alice, bob, "leave");
        event(one, "m.room.message", null, alice, null);
        assertThat(store.userRooms(alice, 100)).containsExactlyInAnyOrder(
                new UserRoom(one, "join", 1, alice, 6), new UserRoom(two, "invite", 3, bob, 3),
                new UserRoom(three, "leave", 5, bob, 5));
        // The newest event up to the position asked about; none up to it is 0.
        assertThat(store.userRooms(alice, 4)).containsExactlyInAnyOrder(
                new UserRoom(one, "join", 1, alice, 1), new UserRoom(two, "invite", 3, bob, 3),
                new UserRoom(three, "leave", 5, bob, 4));
        assertThat(store.userRooms(alice, 0)).extracting(UserRoom::latest).containsOnly(0L);
        assertThat(store.userRooms(UserId.parse("@nobody:test.local"), 100)).isEmpty();
    }

    @Test
    void latestPositionsOfTypesGiveTheNewestOfTheAskedTypesUpToAPosition() {
        member(one, alice, alice, "join");
        event(one, "m.room.message", null, alice, null);
        event(one, "m.reaction", null, alice, null);
        member(two, alice, alice, "join");
        event(two, "m.reaction", null, alice, null);
        Set<String> messages = Set.of("m.room.message");
        assertThat(store.latestPositionsOfTypes(List.of(one, two, three), messages, 100)).containsOnly(Map.entry(one, 2L));
        assertThat(store.latestPositionsOfTypes(List.of(one), messages, 1)).isEmpty();
        assertThat(store.latestPositionsOfTypes(List.of(), messages, 100)).isEmpty();
        assertThat(store.latestPositionsOfTypes(List.of(one), Set.of(), 100)).isEmpty();
    }

    @Test
    void memberSummariesCountJoinedAndInvitedAndNameTheFirstOthersByUserId() {
        UserId carol = UserId.parse("@carol:test.local");
        UserId dave = UserId.parse("@dave:test.local");
        member(one, alice, alice, "join");
        EventId bobJoin = event(one, StateKey.MEMBER, bob.value(), bob, "join");
        EventId daveInvite = event(one, StateKey.MEMBER, dave.value(), bob, "invite");
        member(one, carol, carol, "join");
        member(one, carol, carol, "leave");
        member(two, alice, alice, "join");
        Map<RoomId, RoomListStore.MemberSummary> summaries = store.memberSummaries(alice, List.of(one, two, three), 5);
        assertThat(summaries).containsOnlyKeys(one, two);
        assertThat(summaries.get(one).joined()).isEqualTo(2);
        assertThat(summaries.get(one).invited()).isEqualTo(1);
        assertThat(summaries.get(one).heroes()).containsExactly(Map.entry(bob, bobJoin), Map.entry(dave, daveInvite));
        assertThat(summaries.get(two)).isEqualTo(new RoomListStore.MemberSummary(1, 0, Map.of()));
        assertThat(store.memberSummaries(alice, List.of(one), 1).get(one).heroes()).containsOnlyKeys(bob);
    }

    @Test
    void currentStateOfTypesReadsOnlyThoseTypesInThoseRooms() {
        EventId encryption = event(one, "m.room.encryption", "", alice, null);
        event(one, "m.room.name", "", alice, null);
        EventId child = event(two, "m.space.child", "!one:test.local", alice, null);
        Map<RoomId, Map<StateKey, EventId>> state = store.currentStateOfTypes(List.of(one, two, three),
                Set.of("m.room.encryption", "m.space.child"));
        assertThat(state).containsOnlyKeys(one, two);
        assertThat(state.get(one)).containsExactly(Map.entry(new StateKey("m.room.encryption", ""), encryption));
        assertThat(state.get(two)).containsExactly(Map.entry(new StateKey("m.space.child", "!one:test.local"), child));
        assertThat(store.currentStateOfTypes(List.of(one), Set.of())).isEmpty();
    }

    @Test
    void unreadCountsCountOthersMessagesAfterTheReceiptAndTheUsersOwnLastEvent() {
        member(one, alice, alice, "join");
        member(one, bob, bob, "join");
        event(one, "m.room.message", null, bob, null);
        EventId read = event(one, "m.room.message", null, bob, null);
        event(one, "m.room.message", null, bob, null);
        event(one, "m.reaction", null, bob, null);
        event(one, "m.room.message", null, bob, null);
        Set<String> types = Set.of("m.room.message");
        assertThat(store.unreadCounts(alice, List.of(one, two), types, ALL)).containsExactly(Map.entry(one, 4L));
        new JdbcReceiptStore(db).put(one, "m.read", alice, Optional.empty(), read, 4, 1);
        assertThat(store.unreadCounts(alice, List.of(one), types, ALL)).containsExactly(Map.entry(one, 2L));
        event(one, "m.room.message", null, alice, null);
        assertThat(store.unreadCounts(alice, List.of(one), types, ALL)).isEmpty();
        assertThat(store.unreadCounts(bob, List.of(one), types, ALL)).containsExactly(Map.entry(one, 1L));
        assertThat(store.readReceiptPositions(alice, List.of(one, two))).containsExactly(Map.entry(one, 4L));
    }

    @Test
    void unreadCountsStopAtThePositionAskedAboutAndEventsBetweenListARange() {
        member(one, alice, alice, "join");
        event(one, "m.room.message", null, bob, null);
        long first = newest(one);
        event(one, "m.room.message", null, bob, null);
        event(two, "m.room.topic", "", bob, null);
        Set<String> types = Set.of("m.room.message");
        assertThat(store.unreadCounts(alice, List.of(one), types, first)).containsExactly(Map.entry(one, 1L));
        assertThat(store.unreadCounts(alice, List.of(one), types, ALL)).containsExactly(Map.entry(one, 2L));
        List<RoomListStore.EventBrief> after = store.eventsBetween(List.of(one, two), first, ALL);
        assertThat(after).extracting(RoomListStore.EventBrief::roomId).containsExactly(one, two);
        assertThat(after).extracting(RoomListStore.EventBrief::state).containsExactly(false, true);
        assertThat(after.getFirst().sender()).isEqualTo(bob);
        assertThat(after.getFirst().type()).isEqualTo("m.room.message");
    }

    /**
     * Rooms counted together each keep their own threshold: no receipt and no event of the user's
     * (a membership someone else sent is not theirs), a receipt then an own event of an uncounted
     * type, an own event then a later private receipt; threaded receipts and others' state events
     * do not count.
     */
    @Test
    void unreadCountsTakeEachRoomsThresholdFromItsOwnReceiptAndTheUsersOwnEvents() {
        JdbcReceiptStore receipts = new JdbcReceiptStore(db);
        Set<String> types = Set.of("m.room.message");
        member(one, bob, bob, "join");
        event(one, "m.room.message", null, bob, null);
        member(one, alice, bob, "invite");
        event(one, "m.room.message", null, bob, null);

        member(two, alice, alice, "join");
        event(two, "m.room.message", null, bob, null);
        EventId readInTwo = event(two, "m.room.message", null, bob, null);
        receipts.put(two, "m.read", alice, Optional.empty(), readInTwo, newest(two), 1);
        event(two, "m.room.message", null, bob, null);
        event(two, "m.reaction", null, alice, null);
        long ownReactionInTwo = newest(two);
        event(two, "m.room.message", null, bob, null);
        event(two, "m.room.message", "", bob, null);
        EventId lastInTwo = event(two, "m.room.message", null, bob, null);
        receipts.put(two, "m.read", alice, Optional.of("$thread:test.local"), lastInTwo, newest(two), 1);

        member(three, alice, alice, "join");
        event(three, "m.room.message", null, alice, null);
        event(three, "m.room.message", null, bob, null);
        EventId readInThree = event(three, "m.room.message", null, bob, null);
        receipts.put(three, "m.read.private", alice, Optional.empty(), readInThree, newest(three), 1);
        event(three, "m.room.message", null, bob, null);
        long firstUnreadInThree = newest(three);
        event(three, "m.room.message", null, bob, null);

        List<RoomId> all = List.of(one, two, three);
        assertThat(store.unreadCounts(alice, all, types, ALL))
                .containsOnly(Map.entry(one, 2L), Map.entry(two, 2L), Map.entry(three, 2L));
        assertThat(store.unreadCounts(alice, all, types, firstUnreadInThree))
                .containsOnly(Map.entry(one, 2L), Map.entry(two, 2L), Map.entry(three, 1L));
        assertThat(store.unreadCounts(alice, all, types, ownReactionInTwo)).containsOnly(Map.entry(one, 2L));
        assertThat(store.unreadCounts(alice, all, Set.of("m.reaction"), ALL)).isEmpty();
        event(three, "m.room.topic", "", alice, null);
        assertThat(store.unreadCounts(alice, all, types, ALL)).containsOnly(Map.entry(one, 2L), Map.entry(two, 2L));
        assertThat(store.unreadWithReceipts(alice, all, types, ALL).counts())
                .isEqualTo(store.unreadCounts(alice, all, types, ALL));
    }

    /** The incremental counts agree with a recount after every kind of change: messages, the user's own event, a receipt. */
    @Test
    void unreadCountsKeptIncrementallyAgreeWithARecount() {
        // What Receipts tells UnreadCounts after a receipt commits, for the receipt written below.
        AtomicLong receiptsAt = new AtomicLong();
        AtomicLong newestOfAlice = new AtomicLong();
        UnreadCounts counts = new UnreadCounts(store, receiptsAt::get, user -> user.equals(alice) ? newestOfAlice.get() : 0);
        member(one, alice, alice, "join");
        member(two, alice, alice, "join");
        event(one, "m.room.message", null, bob, null);
        Set<String> types = Set.of("m.room.message", "m.room.encrypted", "m.sticker");
        Runnable agree = () -> assertThat(counts.counts(alice, List.of(one, two), newest(one, two)))
                .isEqualTo(store.unreadCounts(alice, List.of(one, two), types, ALL));
        agree.run();
        event(one, "m.room.message", null, bob, null);
        event(two, "m.room.encrypted", null, bob, null);
        event(one, "m.reaction", null, bob, null);
        agree.run();
        assertThat(counts.counts(alice, List.of(one, two), newest(one, two)))
                .containsOnly(Map.entry(one, 2L), Map.entry(two, 1L));
        event(one, "m.room.message", null, alice, null);
        event(two, "m.room.message", null, bob, null);
        agree.run();
        EventId read = event(two, "m.room.message", null, bob, null);
        event(one, "m.room.message", null, bob, null);
        agree.run();
        long written = new JdbcReceiptStore(db).put(two, "m.read", alice, Optional.empty(), read, newest(two), 1)
                .orElseThrow();
        receiptsAt.set(written);
        newestOfAlice.set(written);
        event(two, "m.room.message", null, bob, null);
        agree.run();
        assertThat(store.unreadWithReceipts(alice, List.of(one, two), types, ALL)).as("both read together")
                .isEqualTo(new RoomListStore.Unread(store.unreadCounts(alice, List.of(one, two), types, ALL),
                        store.readReceiptPositions(alice, List.of(one, two))));
        assertThat(store.readReceiptPositions(alice, List.of(one, two))).containsOnlyKeys(two);
        assertThat(counts.counts(alice, List.of(one, two), newest(one, two)))
                .containsOnly(Map.entry(one, 1L), Map.entry(two, 1L));
    }

    private long newest(RoomId... rooms) {
        return store.eventsBetween(List.of(rooms), 0, ALL).stream().mapToLong(RoomListStore.EventBrief::position)
                .max().orElse(0);
    }
}
