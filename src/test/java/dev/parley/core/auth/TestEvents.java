package dev.parley.core.auth;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.event.Pdu;
import dev.parley.core.id.EventId;
import dev.parley.core.room.RoomVersion;

import java.util.List;

/** Builds well-formed PDUs of any room version from the few fields a test cares about. */
public final class TestEvents {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private TestEvents() {
    }

    /**
     * The JSON of an event; {@code roomId} null leaves {@code room_id} out (a v12 create event),
     * {@code eventId} is used by v1/v2 only.
     */
    public static ObjectNode json(RoomVersion version, String type, String sender, String stateKey, ObjectNode content,
                                  String roomId, List<EventId> prevEvents, List<EventId> authEvents,
                                  long depth, long originServerTs, String eventId) {
        ObjectNode json = JSON.objectNode();
        json.put("type", type);
        json.put("sender", sender);
        if (stateKey != null) {
            json.put("state_key", stateKey);
        }
        json.set("content", content);
        if (roomId != null) {
            json.put("room_id", roomId);
        }
        json.set("prev_events", references(version, prevEvents));
        json.set("auth_events", references(version, authEvents));
        json.put("depth", depth);
        json.put("origin_server_ts", originServerTs);
        json.putObject("hashes").put("sha256", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
        json.putObject("signatures");
        if (version.eventIdInEvent()) {
            json.put("event_id", eventId);
        }
        return json;
    }

    public static Pdu pdu(ObjectNode json, RoomVersion version) {
        return Pdu.fromJson(json, version);
    }

    private static ArrayNode references(RoomVersion version, List<EventId> ids) {
        ArrayNode array = JSON.arrayNode();
        for (EventId id : ids) {
            if (version.eventIdInEvent()) {
                ArrayNode pair = array.addArray();
                pair.add(id.value());
                pair.addObject().put("sha256", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
            } else {
                array.add(id.value());
            }
        }
        return array;
    }
}
