package dev.parley.service.room;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.crypto.SigningKey;
import dev.parley.core.id.ServerName;
import dev.parley.core.id.UserId;
import dev.parley.core.json.Json;
import dev.parley.core.room.RoomVersions;
import dev.parley.store.StoredEvent;
import dev.parley.store.jdbc.JdbcRoomStore;
import dev.parley.testing.DialectDatabaseTest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Room v12 derives the room ID from the create event (Client-Server API, room version 12), so
 * one user creating identical rooms within one millisecond (the load generator's big account,
 * or a client creating rooms in parallel) must still get distinct rooms, not M_ROOM_IN_USE.
 */
class EventPipelineCreateRoomTest extends DialectDatabaseTest {
    private final UserId alice = UserId.parse("@alice:test.local");
    private JdbcRoomStore store;
    private EventPipeline pipeline;

    @BeforeEach
    void open() {
        store = new JdbcRoomStore(db);
        Clock frozen = Clock.fixed(Instant.parse("2026-11-22T06:00:00Z"), ZoneOffset.UTC);
        pipeline = new EventPipeline(store, ServerName.parse("test.local"), SigningKey.generate("test"), frozen);
    }

    @Test
    void identicalV12RoomsInTheSameMillisecondGetDistinctIds() {
        ObjectNode content = Json.MAPPER.createObjectNode();
        StoredEvent first = pipeline.createRoom(RoomVersions.V12, alice, content);
        StoredEvent second = pipeline.createRoom(RoomVersions.V12, alice, content);
        StoredEvent third = pipeline.createRoom(RoomVersions.V12, alice, content);

        assertThat(first.pdu().roomId()).isNotEqualTo(second.pdu().roomId()).isNotEqualTo(third.pdu().roomId());
        assertThat(second.pdu().roomId()).isNotEqualTo(third.pdu().roomId());
        assertThat(second.pdu().originServerTs()).isEqualTo(first.pdu().originServerTs() + 1);
        assertThat(third.pdu().originServerTs()).isEqualTo(first.pdu().originServerTs() + 2);
        for (StoredEvent create : new StoredEvent[] {first, second, third}) {
            assertThat(store.event(create.pdu().eventId())).isPresent();
            assertThat(pipeline.currentPosition()).isGreaterThanOrEqualTo(create.streamOrdering());
        }
    }

    @Test
    void v11RoomsInTheSameMillisecondKeepTheClocksTimestamp() {
        ObjectNode content = Json.MAPPER.createObjectNode();
        StoredEvent first = pipeline.createRoom(RoomVersions.V11, alice, content);
        StoredEvent second = pipeline.createRoom(RoomVersions.V11, alice, content);

        assertThat(first.pdu().roomId()).isNotEqualTo(second.pdu().roomId());
        assertThat(second.pdu().originServerTs()).isEqualTo(first.pdu().originServerTs());
    }
}
