package dev.parley.core.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.error.MatrixException;
import dev.parley.core.room.RoomVersion;
import dev.parley.core.room.RoomVersions;
import dev.parley.core.testing.Vectors;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Event IDs per room version: v1 carried, v3 standard Base64, v4+ URL-safe, v12 room IDs. */
class EventIdTest {
    private static final JsonNode CASES = Vectors.load("event-ids.json").get("cases");

    @Test
    void referenceHashIdsMatchTheOracle() {
        for (JsonNode c : CASES) {
            RoomVersion v = RoomVersions.get(c.get("room_version").textValue());
            ObjectNode event = Vectors.object(c.get("event"));
            assertThat(EventHashes.computeEventId(event, v).value()).as("v" + v.id())
                    .isEqualTo(c.get("event_id").textValue());
            Pdu pdu = Pdu.fromJson(event, v);
            assertThat(pdu.eventId().value()).isEqualTo(c.get("event_id").textValue());
            if (c.has("room_id")) {
                assertThat(pdu.roomId().value()).isEqualTo(c.get("room_id").textValue());
            }
        }
    }

    @Test
    void v3UsesStandardAndV4UrlSafeAlphabetForTheSameHash() {
        ObjectNode event = Vectors.object(CASES.get(0).get("event"));
        byte[] hash = EventHashes.referenceHash(event, RoomVersions.V3);
        String std = java.util.Base64.getEncoder().withoutPadding().encodeToString(hash);
        String url = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        assertThat(EventHashes.computeEventId(event, RoomVersions.V3).value()).isEqualTo("$" + std);
        assertThat(EventHashes.computeEventId(event, RoomVersions.V4).value()).isEqualTo("$" + url);
    }

    @Test
    void idIgnoresUnsignedSignaturesAndRedactableContent() {
        ObjectNode event = Vectors.object(CASES.get(1).get("event"));
        RoomVersion v = RoomVersions.V4;
        String id = EventHashes.computeEventId(event, v).value();
        event.putObject("unsigned").put("age", 99999);
        ((ObjectNode) event.get("signatures")).putObject("other.org").put("ed25519:x", "y");
        ((ObjectNode) event.get("content")).put("body", "edited");
        assertThat(EventHashes.computeEventId(event, v).value()).isEqualTo(id);
        event.put("origin_server_ts", 1);
        assertThat(EventHashes.computeEventId(event, v).value()).isNotEqualTo(id);
        // The content hash is covered, so changing content after hashing changes the ID.
        ((ObjectNode) event.get("hashes")).put("sha256", "changed");
        assertThat(EventHashes.computeEventId(event, v).value()).isNotEqualTo(id);
    }

    @Test
    void v1IdsAreCarriedNotComputed() {
        assertThatThrownBy(() -> EventHashes.computeEventId(Vectors.object(CASES.get(0).get("event")), RoomVersions.V1))
                .isInstanceOf(MatrixException.class);
    }

    @Test
    void v3PlusIgnoresAnEventIdField() {
        ObjectNode event = Vectors.object(CASES.get(1).get("event"));
        event.put("event_id", "$bogus:example.org");
        Pdu pdu = Pdu.fromJson(event, RoomVersions.V4);
        assertThat(pdu.eventId().value()).isEqualTo(CASES.get(1).get("event_id").textValue());
        assertThat(pdu.json().has("event_id")).isFalse();
    }
}
