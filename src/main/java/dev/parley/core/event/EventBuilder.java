package dev.parley.core.event;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.crypto.SigningKey;
import dev.parley.core.error.MatrixException;
import dev.parley.core.id.EventId;
import dev.parley.core.id.RoomId;
import dev.parley.core.id.UserId;
import dev.parley.core.json.Json;
import dev.parley.core.room.RoomVersion;

import java.util.List;

/**
 * Builds a new event created by this server, in its room version's format, then hashes and signs
 * it (server-server "Adding hashes and signatures to outgoing events") and parses it as a
 * {@link Pdu}. Depth defaults to one more than the deepest parent, capped at the version's limit
 * (pdu_v1/pdu_v6 "depth": "If the room's depth is already at the limit, the depth must be set to
 * the limit").
 */
public final class EventBuilder {
    private final RoomVersion version;
    private final String type;
    private final UserId sender;
    private RoomId roomId;
    private String stateKey;
    private ObjectNode content = Json.MAPPER.createObjectNode();
    private List<Pdu> prevEvents = List.of();
    private List<Pdu> authEvents = List.of();
    private Long depth;
    private long originServerTs;
    private EventId redacts;
    private EventId eventId;

    private EventBuilder(RoomVersion version, String type, UserId sender) {
        this.version = version;
        this.type = type;
        this.sender = sender;
    }

    public static EventBuilder of(RoomVersion version, String type, UserId sender) {
        return new EventBuilder(version, type, sender);
    }

    /** Required except for the {@code m.room.create} event of a room version 12+ room. */
    public EventBuilder roomId(RoomId roomId) {
        this.roomId = roomId;
        return this;
    }

    public EventBuilder stateKey(String stateKey) {
        this.stateKey = stateKey;
        return this;
    }

    /** The content; copied. */
    public EventBuilder content(ObjectNode content) {
        this.content = content.deepCopy();
        return this;
    }

    public EventBuilder prevEvents(List<Pdu> prevEvents) {
        this.prevEvents = List.copyOf(prevEvents);
        return this;
    }

    public EventBuilder authEvents(List<Pdu> authEvents) {
        this.authEvents = List.copyOf(authEvents);
        return this;
    }

    public EventBuilder depth(long depth) {
        this.depth = depth;
        return this;
    }

    public EventBuilder originServerTs(long originServerTs) {
        this.originServerTs = originServerTs;
        return this;
    }

    /** For {@code m.room.redaction}: top-level before v11, {@code content.redacts} from v11. */
    public EventBuilder redacts(EventId redacts) {
        this.redacts = redacts;
        return this;
    }

    /** Room versions 1 and 2 only, where the creating server names its events. */
    public EventBuilder eventId(EventId eventId) {
        this.eventId = eventId;
        return this;
    }

    /** The unsigned event JSON in the room version's format. */
    public ObjectNode toJson() {
        ObjectNode json = Json.MAPPER.createObjectNode();
        if (version.eventIdInEvent()) {
            if (eventId == null) {
                throw MatrixException.badJson("Room version " + version.id() + " events need an event_id");
            }
            json.put("event_id", eventId.value());
        } else if (eventId != null) {
            throw MatrixException.badJson("Room version " + version.id() + " event IDs are computed, not chosen");
        }
        if (roomId != null) {
            json.put("room_id", roomId.value());
        }
        json.put("type", type);
        json.put("sender", sender.value());
        if (stateKey != null) {
            json.put("state_key", stateKey);
        }
        ObjectNode body = content.deepCopy();
        if (redacts != null) {
            if (version.redactsInContent()) {
                body.put("redacts", redacts.value());
            } else {
                json.put("redacts", redacts.value());
            }
        }
        json.set("content", body);
        json.set("prev_events", references(prevEvents));
        json.set("auth_events", references(authEvents));
        json.put("depth", depth != null ? depth : nextDepth());
        json.put("origin_server_ts", originServerTs);
        json.putObject("hashes");
        json.putObject("signatures");
        return json;
    }

    /**
     * Hashes and signs as {@code serverName}, then parses (and so validates) the result; from v3
     * the event ID comes from the bytes just signed rather than from a second encoding.
     */
    public Pdu sign(String serverName, SigningKey key) {
        ObjectNode json = toJson();
        byte[] referenceHash = EventSigning.hashAndSignWithReferenceHash(json, version, serverName, key);
        EventId computedId = version.eventIdInEvent() ? null : EventHashes.eventId(referenceHash, version);
        return PduParser.parse(json, version, computedId);
    }

    private long nextDepth() {
        long max = 0;
        for (Pdu p : prevEvents) {
            max = Math.max(max, p.depth());
        }
        return max >= version.maxDepth() ? version.maxDepth() : max + 1;
    }

    /** v1/v2: {@code [event_id, hashes]} pairs; v3+: plain IDs. */
    private ArrayNode references(List<Pdu> events) {
        ArrayNode array = Json.MAPPER.createArrayNode();
        for (Pdu p : events) {
            if (version.eventIdInEvent()) {
                ArrayNode pair = array.addArray();
                pair.add(p.eventId().value());
                pair.add(p.hashes().deepCopy());
            } else {
                array.add(p.eventId().value());
            }
        }
        return array;
    }
}
