package dev.parley.core.event;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.crypto.SigningKey;
import dev.parley.core.error.MatrixException;
import dev.parley.core.id.EventId;
import dev.parley.core.id.RoomId;
import dev.parley.core.id.UserId;
import dev.parley.core.json.Json;
import dev.parley.core.room.RoomVersions;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventBuilderTest {
    private static final SigningKey KEY = SigningKey.generate("a");
    private static final UserId ALICE = UserId.parse("@alice:example.org");

    @Test
    void v12CreateThenMessage() {
        ObjectNode createContent = Json.MAPPER.createObjectNode().put("room_version", "12");
        Pdu create = EventBuilder.of(RoomVersions.V12, "m.room.create", ALICE).stateKey("")
                .content(createContent).originServerTs(1).sign("example.org", KEY);
        assertThat(create.depth()).isEqualTo(1);
        assertThat(create.roomId().createEventId()).contains(create.eventId());
        assertThat(create.json().has("room_id")).isFalse();

        Pdu redaction = EventBuilder.of(RoomVersions.V12, "m.room.redaction", ALICE).roomId(create.roomId())
                .prevEvents(List.of(create)).redacts(create.eventId()).originServerTs(2).sign("example.org", KEY);
        assertThat(redaction.depth()).isEqualTo(2);
        assertThat(redaction.prevEvents()).containsExactly(create.eventId());
        assertThat(redaction.redacts()).isEqualTo(create.eventId());
        assertThat(redaction.content().get("redacts").textValue()).isEqualTo(create.eventId().value());
        assertThat(EventSigning.hasValidContentHash(redaction)).isTrue();
        assertThat(EventSigning.hasValidSignature(redaction, "example.org", id -> KEY.verifyKey())).isTrue();
    }

    @Test
    void v1UsesReferencePairsAndAChosenId() {
        RoomId room = RoomId.parse("!r:example.org");
        Pdu first = EventBuilder.of(RoomVersions.V1, "m.room.message", ALICE).roomId(room)
                .eventId(EventId.parse("$1:example.org")).depth(7).sign("example.org", KEY);
        Pdu second = EventBuilder.of(RoomVersions.V1, "m.room.redaction", ALICE).roomId(room)
                .eventId(EventId.parse("$2:example.org")).prevEvents(List.of(first)).authEvents(List.of(first))
                .redacts(first.eventId()).sign("example.org", KEY);
        assertThat(second.depth()).isEqualTo(8);
        assertThat(second.json().get("prev_events").get(0).get(1)).isEqualTo(first.hashes());
        assertThat(second.json().get("redacts").textValue()).isEqualTo("$1:example.org");
        assertThat(second.redacts()).isEqualTo(first.eventId());

        assertThatThrownBy(() -> EventBuilder.of(RoomVersions.V1, "x", ALICE).roomId(room).toJson())
                .isInstanceOf(MatrixException.class);
        assertThatThrownBy(() -> EventBuilder.of(RoomVersions.V4, "x", ALICE).roomId(room)
                .eventId(EventId.parse("$1:example.org")).toJson()).isInstanceOf(MatrixException.class);
    }

    /** The ID comes from the bytes the signature covers; it must be the one a receiver computes. */
    @Test
    void theIdOfABuiltEventIsItsReferenceHashInEveryVersion() {
        RoomId room = RoomId.parse("!r:example.org");
        ObjectNode content = Json.MAPPER.createObjectNode().put("msgtype", "m.text").put("body", "caf\u00e9 \ud83d\ude00");
        for (var version : List.of(RoomVersions.V3, RoomVersions.V4, RoomVersions.V6, RoomVersions.V10, RoomVersions.V11)) {
            Pdu built = EventBuilder.of(version, "m.room.message", ALICE).roomId(room).content(content)
                    .originServerTs(5).sign("example.org", KEY);
            Pdu received = Pdu.fromJson(built.json().deepCopy(), version);
            assertThat(received.eventId()).as("room version %s", version.id()).isEqualTo(built.eventId())
                    .isEqualTo(EventHashes.computeEventId(built.json(), version));
            assertThat(EventSigning.hasValidContentHash(received)).isTrue();
            assertThat(EventSigning.hasValidSignature(received, "example.org", id -> KEY.verifyKey())).isTrue();
        }
    }

    @Test
    void depthIsCappedAtTheVersionLimit() {
        RoomId room = RoomId.parse("!r:example.org");
        Pdu deep = EventBuilder.of(RoomVersions.V10, "m.room.message", ALICE).roomId(room)
                .depth(RoomVersions.V10.maxDepth()).sign("example.org", KEY);
        Pdu next = EventBuilder.of(RoomVersions.V10, "m.room.message", ALICE).roomId(room)
                .prevEvents(List.of(deep)).sign("example.org", KEY);
        assertThat(next.depth()).isEqualTo(RoomVersions.V10.maxDepth());
    }
}
