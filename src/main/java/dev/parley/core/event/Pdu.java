package dev.parley.core.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.id.EventId;
import dev.parley.core.id.RoomId;
import dev.parley.core.id.UserId;
import dev.parley.core.room.RoomVersion;

import java.util.List;

/**
 * A persistent data unit: one room event as servers exchange it (server-server "PDUs"; event
 * format per room version, {@code data/api/server-server/definitions/pdu_v*.yaml}).
 *
 * <p>Built only by {@link #fromJson}, which checks the event's shape for its room version and, for
 * v3+, computes the event ID from the reference hash. The JSON trees it hands out
 * ({@link #json()}, {@link #content()}, ...) are its own copies and MUST be treated as read-only;
 * take {@code deepCopy()} to change one. Two PDUs are equal when their event IDs are equal.
 */
public final class Pdu {
    private final EventId eventId;
    private final RoomId roomId;
    private final UserId sender;
    private final String type;
    private final String stateKey;
    private final ObjectNode content;
    private final List<EventId> prevEvents;
    private final List<EventId> authEvents;
    private final long depth;
    private final long originServerTs;
    private final EventId redacts;
    private final ObjectNode hashes;
    private final ObjectNode signatures;
    private final ObjectNode unsigned;
    private final RoomVersion roomVersion;
    private final ObjectNode json;

    Pdu(EventId eventId, RoomId roomId, UserId sender, String type, String stateKey, ObjectNode content,
        List<EventId> prevEvents, List<EventId> authEvents, long depth, long originServerTs, EventId redacts,
        ObjectNode hashes, ObjectNode signatures, ObjectNode unsigned, RoomVersion roomVersion, ObjectNode json) {
        this.eventId = eventId;
        this.roomId = roomId;
        this.sender = sender;
        this.type = type;
        this.stateKey = stateKey;
        this.content = content;
        this.prevEvents = List.copyOf(prevEvents);
        this.authEvents = List.copyOf(authEvents);
        this.depth = depth;
        this.originServerTs = originServerTs;
        this.redacts = redacts;
        this.hashes = hashes;
        this.signatures = signatures;
        this.unsigned = unsigned;
        this.roomVersion = roomVersion;
        this.json = json;
    }

    /**
     * Parses and validates an event of a room of {@code version}. The input is copied, not kept.
     * For v3+ a top-level {@code event_id} is not part of the format and is dropped before the ID
     * is computed. A bad shape throws {@code M_BAD_JSON} naming the field.
     */
    public static Pdu fromJson(ObjectNode json, RoomVersion version) {
        return PduParser.parse(json.deepCopy(), version);
    }

    /**
     * An event read back from Parley's own store: its ID was computed (and its shape checked)
     * when it was first accepted, so the reference hash is not computed again.
     */
    public static Pdu fromStored(ObjectNode json, RoomVersion version, EventId eventId) {
        return PduParser.parse(json, version, eventId);
    }

    /** The event with the version's redaction algorithm applied; same event ID. */
    public Pdu redacted() {
        ObjectNode redacted = Redaction.redact(json, roomVersion);
        return PduParser.parse(redacted, roomVersion, eventId);
    }

    public EventId eventId() {
        return eventId;
    }

    /** The room; for a v12+ {@code m.room.create} without {@code room_id}, derived from its event ID. */
    public RoomId roomId() {
        return roomId;
    }

    public UserId sender() {
        return sender;
    }

    public String type() {
        return type;
    }

    /** The state key, or null for a message (non-state) event. */
    public String stateKey() {
        return stateKey;
    }

    public boolean isState() {
        return stateKey != null;
    }

    /** True if this is a state event of the given type and state key. */
    public boolean isState(String eventType, String key) {
        return stateKey != null && type.equals(eventType) && stateKey.equals(key);
    }

    public ObjectNode content() {
        return content;
    }

    /** The IDs of the parent events; v1/v2 {@code [id, hashes]} pairs reduced to their IDs. */
    public List<EventId> prevEvents() {
        return prevEvents;
    }

    /** The IDs of the auth events; v1/v2 {@code [id, hashes]} pairs reduced to their IDs. */
    public List<EventId> authEvents() {
        return authEvents;
    }

    public long depth() {
        return depth;
    }

    public long originServerTs() {
        return originServerTs;
    }

    /**
     * For {@code m.room.redaction}: the redacted event, from the top-level {@code redacts} before
     * v11 and from {@code content.redacts} in v11+; null otherwise or when absent.
     */
    public EventId redacts() {
        return redacts;
    }

    public ObjectNode hashes() {
        return hashes;
    }

    public ObjectNode signatures() {
        return signatures;
    }

    /** The {@code unsigned} object, or null when absent. */
    public ObjectNode unsigned() {
        return unsigned;
    }

    public RoomVersion roomVersion() {
        return roomVersion;
    }

    /** The full event JSON as received (minus a v3+ {@code event_id}). */
    public ObjectNode json() {
        return json;
    }

    /** A top-level content property, or null. */
    public JsonNode contentField(String name) {
        return content.get(name);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Pdu other && eventId.equals(other.eventId);
    }

    @Override
    public int hashCode() {
        return eventId.hashCode();
    }

    @Override
    public String toString() {
        return "Pdu[" + eventId + " " + type + (stateKey == null ? "" : " state_key=" + stateKey)
                + " in " + roomId + " from " + sender + "]";
    }
}
