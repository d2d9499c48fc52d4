package dev.parley.service.room;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.auth.StateKey;
import dev.parley.core.crypto.SigningKey;
import dev.parley.core.id.EventId;
import dev.parley.core.id.RoomId;
import dev.parley.core.id.ServerName;
import dev.parley.core.id.UserId;
import dev.parley.core.json.Json;
import dev.parley.core.room.RoomVersions;
import dev.parley.service.room.EventPipeline.Draft;
import dev.parley.store.StoreException;
import dev.parley.store.StoredEvent;
import dev.parley.store.jdbc.JdbcRoomStore;
import dev.parley.testing.DialectDatabaseTest;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The pipeline's guarantees while events of one room are built during the previous one's commit:
 * an event is returned and announced only once durable, announced in stream order, the DAG stays
 * linear with consecutive positions, and a failed write leaves the room consistent and usable.
 */
class EventPipelineTest extends DialectDatabaseTest {
    private final UserId alice = UserId.parse("@alice:test.local");
    private JdbcRoomStore store;
    private EventPipeline pipeline;
    private RoomId roomId;
    /** Positions of the events the listener was told about, with whether each was readable then. */
    private final List<long[]> told = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void open() {
        store = new JdbcRoomStore(db);
        pipeline = new EventPipeline(store, ServerName.parse("test.local"), SigningKey.generate("test"), Clock.systemUTC());
        pipeline.addListener(event -> told.add(new long[] {event.streamOrdering(),
                store.event(event.pdu().eventId()).isPresent() ? 1 : 0, pipeline.currentPosition()}));
        roomId = pipeline.createRoom(RoomVersions.V11, alice, Json.MAPPER.createObjectNode()).pdu().roomId();
        pipeline.send(roomId, alice, Draft.state(StateKey.MEMBER, alice.value(),
                Json.MAPPER.createObjectNode().put("membership", "join")), Optional.empty());
    }

    @Test
    void concurrentSendsIntoOneRoomLandWithConsecutivePositionsOnALinearGraph() throws Exception {
        List<Future<StoredEvent>> sends = new ArrayList<>();
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int t = 0; t < 10; t++) {
                int thread = t;
                sends.add(threads.submit(() -> {
                    StoredEvent last = null;
                    for (int i = 0; i < 20; i++) {
                        // Every fifth event changes the state, so state groups chain through queued events.
                        Draft draft = i % 5 == 0
                                ? Draft.state("m.room.topic", "", Json.MAPPER.createObjectNode().put("topic", thread + "/" + i))
                                : message(thread + "/" + i);
                        last = pipeline.send(roomId, alice, draft, Optional.of(new ClientTransaction(alice, "D" + thread, "t" + i)));
                        assertThat(store.event(last.pdu().eventId())).as("durable when returned").isPresent();
                    }
                    return last;
                }));
            }
        }
        for (Future<StoredEvent> send : sends) {
            send.get();
        }
        List<StoredEvent> events = store.recentEvents(roomId, 0, Long.MAX_VALUE, 1_000);
        assertThat(events).hasSize(202);
        assertLinear(events);
        for (int i = 1; i < events.size(); i++) {
            assertThat(events.get(i).streamOrdering()).isEqualTo(events.get(i - 1).streamOrdering() + 1);
        }
        StoredEvent last = events.getLast();
        assertThat(store.forwardExtremities(roomId)).containsExactly(last.pdu().eventId());
        assertThat(store.stateGroup(last.stateGroup())).isEqualTo(store.currentState(roomId));
        assertToldInStreamOrderOnceDurable(events);
    }

    @Test
    void aRetriedTransactionGetsTheFirstSendsEventEvenWhileItIsBeingWritten() throws Exception {
        for (int round = 0; round < 20; round++) {
            String txn = "same-" + round;
            List<Future<StoredEvent>> sends = new ArrayList<>();
            try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int t = 0; t < 3; t++) {
                    sends.add(threads.submit(() -> pipeline.send(roomId, alice, message(txn),
                            Optional.of(new ClientTransaction(alice, "DEV", txn)))));
                }
            }
            EventId first = sends.get(0).get().pdu().eventId();
            for (Future<StoredEvent> send : sends) {
                assertThat(send.get().pdu().eventId()).isEqualTo(first);
            }
        }
        assertThat(store.recentEvents(roomId, 0, Long.MAX_VALUE, 1_000)).hasSize(2 + 20);
    }

    /** A new pipeline (a restart) learns the device's transactions from the store. */
    @Test
    void aTransactionRetriedAfterARestartOrManyOtherSendsGetsItsFirstEvent() {
        EventId first = pipeline.send(roomId, alice, message("one"), Optional.of(new ClientTransaction(alice, "DEV", "t-1")))
                .pdu().eventId();
        for (int i = 2; i <= 40; i++) {
            pipeline.send(roomId, alice, message("n" + i), Optional.of(new ClientTransaction(alice, "DEV", "t-" + i)));
        }
        assertThat(pipeline.send(roomId, alice, message("again"), Optional.of(new ClientTransaction(alice, "DEV", "t-1")))
                .pdu().eventId()).isEqualTo(first);

        EventPipeline restarted = new EventPipeline(store, ServerName.parse("test.local"), SigningKey.generate("test"),
                Clock.systemUTC());
        assertThat(restarted.send(roomId, alice, message("again"), Optional.of(new ClientTransaction(alice, "DEV", "t-1")))
                .pdu().eventId()).isEqualTo(first);
        EventId fresh = restarted.send(roomId, alice, message("new"), Optional.of(new ClientTransaction(alice, "DEV", "t-41")))
                .pdu().eventId();
        assertThat(fresh).isNotEqualTo(first);
        assertThat(restarted.send(roomId, alice, message("new"), Optional.of(new ClientTransaction(alice, "DEV", "t-41")))
                .pdu().eventId()).isEqualTo(fresh);
        assertThat(restarted.send(roomId, alice, message("other device"), Optional.of(new ClientTransaction(alice, "PHONE", "t-1")))
                .pdu().eventId()).isNotEqualTo(first);
        assertThat(store.recentEvents(roomId, 0, Long.MAX_VALUE, 1_000)).hasSize(2 + 40 + 2);
    }

    @Test
    void aFailedWriteFailsItsSendAndLeavesTheRoomConsistentAndUsable() {
        StoredEvent before = pipeline.send(roomId, alice, message("before"), Optional.empty());
        occupyStreamPosition(pipeline.currentPosition() + 1);
        assertThatThrownBy(() -> pipeline.send(roomId, alice, message("fails"), Optional.empty()))
                .isInstanceOf(StoreException.class);
        removeSquatters();

        StoredEvent after = pipeline.send(roomId, alice, message("after"), Optional.empty());
        assertThat(after.pdu().prevEvents()).as("built on what is stored, not on the lost event")
                .containsExactly(before.pdu().eventId());
        assertThat(after.pdu().depth()).isEqualTo(before.pdu().depth() + 1);
        assertThat(store.forwardExtremities(roomId)).containsExactly(after.pdu().eventId());
        assertThat(pipeline.currentPosition()).isGreaterThanOrEqualTo(after.streamOrdering());
    }

    @Test
    void sendsQueuedBehindAFailedWriteFailTooAndNothingStoredDependsOnALostEvent() throws Exception {
        occupyStreamPosition(pipeline.currentPosition() + 15);
        List<Future<StoredEvent>> sends = new ArrayList<>();
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int t = 0; t < 10; t++) {
                int thread = t;
                sends.add(threads.submit(() -> {
                    StoredEvent last = null;
                    for (int i = 0; i < 5; i++) {
                        try {
                            last = pipeline.send(roomId, alice, message(thread + "/" + i), Optional.empty());
                        } catch (StoreException expected) {
                            // Either the write that hit the taken position or one queued behind it.
                        }
                    }
                    return last;
                }));
            }
        }
        for (Future<StoredEvent> send : sends) {
            send.get();
        }
        removeSquatters();
        List<StoredEvent> events = store.recentEvents(roomId, 0, Long.MAX_VALUE, 1_000);
        assertThat(events.size()).isBetween(2 + 1, 2 + 49);
        assertLinear(events);
        assertThat(store.forwardExtremities(roomId)).containsExactly(events.getLast().pdu().eventId());
        StoredEvent next = pipeline.send(roomId, alice, message("still usable"), Optional.empty());
        assertThat(next.pdu().prevEvents()).containsExactly(events.getLast().pdu().eventId());
        assertToldInStreamOrderOnceDurable(store.recentEvents(roomId, 0, Long.MAX_VALUE, 1_000));
    }

    /** Each event's only prev_event is the one before it, one deeper. */
    private static void assertLinear(List<StoredEvent> events) {
        for (int i = 1; i < events.size(); i++) {
            StoredEvent prev = events.get(i - 1);
            StoredEvent event = events.get(i);
            assertThat(event.pdu().prevEvents()).containsExactly(prev.pdu().eventId());
            assertThat(event.pdu().depth()).isEqualTo(prev.pdu().depth() + 1);
            if (!event.pdu().isState()) {
                assertThat(event.stateGroup()).isEqualTo(prev.stateGroup());
            }
        }
    }

    /** The listener heard of exactly the stored events, in stream order, each already readable and visible to sync. */
    private void assertToldInStreamOrderOnceDurable(List<StoredEvent> stored) {
        List<long[]> heard = List.copyOf(told);
        assertThat(heard.stream().map(h -> h[0]).toList()).isEqualTo(stored.stream().map(StoredEvent::streamOrdering).toList());
        for (long[] h : heard) {
            assertThat(h[1]).as("event %d readable when announced", h[0]).isEqualTo(1);
            assertThat(h[2]).as("sync position covers event %d when announced", h[0]).isGreaterThanOrEqualTo(h[0]);
        }
    }

    /** Takes a stream position behind the pipeline's back, so the write that gets it fails. */
    private void occupyStreamPosition(long position) {
        db.write(c -> {
            try (PreparedStatement st = c.prepareStatement("""
                    INSERT INTO events (stream_ordering, event_id, room_id, type, sender, depth, origin_server_ts, json, state_group)
                    VALUES (?, ?, ?, 'org.example.squatter', ?, 0, 0, '{}', 0)""")) {
                st.setLong(1, position);
                st.setString(2, "$squatter" + position);
                st.setString(3, roomId.value());
                st.setString(4, alice.value());
                return st.executeUpdate();
            }
        });
    }

    private void removeSquatters() {
        db.write(c -> {
            try (PreparedStatement st = c.prepareStatement("DELETE FROM events WHERE type = 'org.example.squatter'")) {
                return st.executeUpdate();
            }
        });
    }

    private static Draft message(String body) {
        ObjectNode content = Json.MAPPER.createObjectNode().put("msgtype", "m.text").put("body", body);
        return Draft.message("m.room.message", content);
    }
}
