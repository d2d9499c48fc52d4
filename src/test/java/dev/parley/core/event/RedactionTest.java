package dev.parley.core.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.room.RoomVersions;
import dev.parley.core.testing.Vectors;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The redaction rule sets, from {@code vectors/redaction/redaction-cases.json}. */
class RedactionTest {
    private static final JsonNode CASES = Vectors.load("redaction/redaction-cases.json").get("cases");

    @Test
    void everyCaseInEveryListedRoomVersion() {
        int checked = 0;
        for (JsonNode c : CASES) {
            for (JsonNode v : c.get("room_versions")) {
                ObjectNode event = Vectors.object(c.get("event"));
                ObjectNode before = event.deepCopy();
                ObjectNode redacted = Redaction.redact(event, RoomVersions.get(v.textValue()));
                assertThat(redacted).as(c.get("name").textValue() + " in v" + v.textValue())
                        .isEqualTo(c.get("redacted"));
                assertThat(event).as("input untouched").isEqualTo(before);
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(60);
    }

    @Test
    void redactedCopyIsIndependentOfTheInput() {
        ObjectNode event = null;
        for (JsonNode c : CASES) {
            if (c.get("name").textValue().startsWith("power_levels v11")) {
                event = Vectors.object(c.get("event"));
            }
        }
        ObjectNode redacted = Redaction.redact(event, RoomVersions.V12);
        ((ObjectNode) redacted.get("content").get("users")).put("@x:y", 1);
        assertThat(event.get("content").get("users").has("@x:y")).isFalse();
    }

    @Test
    void redactionIsIdempotent() {
        for (JsonNode c : CASES) {
            for (JsonNode v : c.get("room_versions")) {
                var version = RoomVersions.get(v.textValue());
                ObjectNode once = Redaction.redact(Vectors.object(c.get("event")), version);
                assertThat(Redaction.redact(once, version)).isEqualTo(once);
            }
        }
    }

    @Test
    void nonObjectContentBecomesEmpty() {
        ObjectNode event = (ObjectNode) Vectors.parse("{\"type\":\"m.room.member\",\"content\":\"x\"}");
        assertThat(Redaction.redact(event, RoomVersions.V10).get("content")).isEmpty();
    }
}
