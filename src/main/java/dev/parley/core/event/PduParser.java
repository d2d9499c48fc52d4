package dev.parley.core.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.error.MatrixException;
import dev.parley.core.id.EventId;
import dev.parley.core.id.RoomId;
import dev.parley.core.id.UserId;
import dev.parley.core.json.CanonicalJson;
import dev.parley.core.room.EventIdFormat;
import dev.parley.core.room.RoomVersion;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks an event's JSON against its room version's event format ({@code pdu_v1}, {@code pdu_v3},
 * {@code pdu_v4}, {@code pdu_v6}, {@code pdu_v11}, {@code pdu_v12}) and builds the {@link Pdu}.
 * Rule 1 of server-server "Checks performed on receipt of a PDU": an event that is not valid for
 * its room version is dropped.
 */
final class PduParser {
    private static final String CREATE = "m.room.create";
    private static final String REDACTION = "m.room.redaction";

    private PduParser() {
    }

    /** Parses {@code json}, which the caller hands over (it is kept, not copied). */
    static Pdu parse(ObjectNode json, RoomVersion version) {
        return parse(json, version, null);
    }

    /** As {@link #parse(ObjectNode, RoomVersion)}, but with a known ID (a redacted copy keeps its ID). */
    static Pdu parse(ObjectNode json, RoomVersion version, EventId knownId) {
        if (version.strictCanonicalJson()) {
            // v6+: "Servers MUST strictly enforce the JSON format specified in the appendices."
            CanonicalJson.requireStrict(json);
        }
        String type = text(json, "type");
        UserId sender = userId(json, "sender");
        String stateKey = optionalText(json, "state_key");
        ObjectNode content = object(json, "content");
        long originServerTs = integer(json, "origin_server_ts");
        long depth = integer(json, "depth");
        if (depth > version.maxDepth()) {
            throw field("depth", "exceeds the room version's limit");
        }
        ObjectNode hashes = object(json, "hashes");
        ObjectNode signatures = signatures(json);
        ObjectNode unsigned = json.has("unsigned") ? object(json, "unsigned") : null;

        EventId eventId;
        List<EventId> prevEvents;
        List<EventId> authEvents;
        if (version.eventIdInEvent()) {
            eventId = eventId(json.get("event_id"), "event_id", version);
            prevEvents = eventReferencePairs(json, "prev_events", version);
            authEvents = eventReferencePairs(json, "auth_events", version);
        } else {
            // v3+: "the event_id field is no longer included"; the ID is the reference hash.
            json.remove("event_id");
            prevEvents = eventIds(json, "prev_events", version);
            authEvents = eventIds(json, "auth_events", version);
            eventId = knownId != null ? knownId : EventHashes.computeEventId(json, version);
        }

        RoomId roomId = roomId(json, type, stateKey, eventId, version);
        EventId redacts = redacts(json, type, content, version);
        return new Pdu(eventId, roomId, sender, type, stateKey, content, prevEvents, authEvents, depth,
                originServerTs, redacts, hashes, signatures, unsigned, version, json);
    }

    private static RoomId roomId(ObjectNode json, String type, String stateKey, EventId eventId, RoomVersion version) {
        JsonNode node = json.get("room_id");
        if (node == null && version.roomIdFromCreateEvent() && CREATE.equals(type) && "".equals(stateKey)) {
            // v12: room_id is "omitted from m.room.create events"; the room ID is the create event's ID.
            return RoomId.fromCreateEventId(eventId);
        }
        if (node == null || !node.isTextual()) {
            throw field("room_id", "must be a string");
        }
        RoomId roomId;
        try {
            roomId = RoomId.parse(node.textValue());
        } catch (MatrixException e) {
            throw field("room_id", e.getMessage());
        }
        if (roomId.hasDomain() == version.roomIdFromCreateEvent()) {
            throw field("room_id", version.roomIdFromCreateEvent()
                    ? "must be the create event's hash in room version " + version.id()
                    : "must have a server name in room version " + version.id());
        }
        return roomId;
    }

    private static EventId redacts(ObjectNode json, String type, ObjectNode content, RoomVersion version) {
        if (!REDACTION.equals(type)) {
            return null;
        }
        JsonNode node = version.redactsInContent() ? content.get("redacts") : json.get("redacts");
        if (node == null) {
            return null;
        }
        return eventId(node, version.redactsInContent() ? "content.redacts" : "redacts", version);
    }

    private static List<EventId> eventIds(ObjectNode json, String name, RoomVersion version) {
        JsonNode array = json.get(name);
        if (array == null || !array.isArray()) {
            throw field(name, "must be an array of event IDs");
        }
        List<EventId> ids = new ArrayList<>(array.size());
        for (JsonNode item : array) {
            ids.add(eventId(item, name, version));
        }
        return ids;
    }

    /** v1/v2: {@code [[event_id, {"sha256": ...}], ...]}. */
    private static List<EventId> eventReferencePairs(ObjectNode json, String name, RoomVersion version) {
        JsonNode array = json.get(name);
        if (array == null || !array.isArray()) {
            throw field(name, "must be an array of [event_id, hashes] pairs");
        }
        List<EventId> ids = new ArrayList<>(array.size());
        for (JsonNode pair : array) {
            if (!pair.isArray() || pair.size() != 2 || !pair.get(1).isObject()) {
                throw field(name, "must be an array of [event_id, hashes] pairs");
            }
            ids.add(eventId(pair.get(0), name, version));
        }
        return ids;
    }

    private static EventId eventId(JsonNode node, String name, RoomVersion version) {
        if (node == null || !node.isTextual()) {
            throw field(name, "must be an event ID string");
        }
        EventId id;
        try {
            id = EventId.parse(node.textValue());
        } catch (MatrixException e) {
            throw field(name, e.getMessage());
        }
        boolean fits = switch (version.eventIdFormat()) {
            case SERVER_SCOPED -> id.hasDomain();
            case REFERENCE_HASH_BASE64 -> id.isStandardBase64Hash();
            case REFERENCE_HASH_URL_SAFE -> id.isUrlSafeBase64Hash();
        };
        if (!fits) {
            throw field(name, "event ID " + id + " does not have the format of room version " + version.id()
                    + (version.eventIdFormat() == EventIdFormat.SERVER_SCOPED ? " ($opaque:domain)" : ""));
        }
        return id;
    }

    private static ObjectNode signatures(ObjectNode json) {
        ObjectNode signatures = object(json, "signatures");
        for (Map.Entry<String, JsonNode> server : signatures.properties()) {
            if (!server.getValue().isObject()) {
                throw field("signatures", "entry for " + server.getKey() + " must be an object");
            }
            for (Map.Entry<String, JsonNode> sig : server.getValue().properties()) {
                if (!sig.getValue().isTextual()) {
                    throw field("signatures", "signature " + server.getKey() + "/" + sig.getKey() + " must be a string");
                }
            }
        }
        return signatures;
    }

    private static UserId userId(ObjectNode json, String name) {
        String text = text(json, name);
        try {
            return UserId.parse(text);
        } catch (MatrixException e) {
            throw field(name, e.getMessage());
        }
    }

    private static String text(ObjectNode json, String name) {
        JsonNode node = json.get(name);
        if (node == null || !node.isTextual()) {
            throw field(name, "must be a string");
        }
        return node.textValue();
    }

    private static String optionalText(ObjectNode json, String name) {
        JsonNode node = json.get(name);
        if (node == null) {
            return null;
        }
        if (!node.isTextual()) {
            throw field(name, "must be a string");
        }
        return node.textValue();
    }

    private static ObjectNode object(ObjectNode json, String name) {
        JsonNode node = json.get(name);
        if (!(node instanceof ObjectNode object)) {
            throw field(name, "must be an object");
        }
        return object;
    }

    /** An integer that fits a signed 64-bit value (v1 format's depth limit is 2^63-1). */
    private static long integer(ObjectNode json, String name) {
        JsonNode node = json.get(name);
        if (node == null || !node.isIntegralNumber() || !node.canConvertToLong()) {
            throw field(name, "must be an integer");
        }
        return node.longValue();
    }

    private static MatrixException field(String name, String problem) {
        return MatrixException.badJson("Invalid event: '" + name + "' " + problem);
    }
}
