package dev.parley.core.id;

import java.util.Optional;

/**
 * A room ID. Spec appendix "Room IDs": before room version 12, {@code !opaque_id:domain};
 * from version 12 the event ID of the room's {@code m.room.create} event with {@code !} in place
 * of {@code $} (no domain). The whole ID may not exceed 255 bytes.
 */
public record RoomId(String value) {
    public RoomId {
        IdentifierGrammar.requireSigil(value, '!', "Room ID");
        IdentifierGrammar.requireMaxBytes(value, "Room ID");
        String problem = problem(value);
        if (problem != null) {
            throw IdentifierGrammar.invalid("Invalid room ID '" + value + "': " + problem);
        }
    }

    public static RoomId parse(String value) {
        return new RoomId(value);
    }

    public static boolean isValid(String value) {
        return value != null && !value.isEmpty() && value.charAt(0) == '!'
                && IdentifierGrammar.utf8Length(value) <= IdentifierGrammar.MAX_ID_BYTES
                && problem(value) == null;
    }

    /** The room ID a room version 12+ room gets from its create event. */
    public static RoomId fromCreateEventId(EventId createEventId) {
        if (createEventId.hasDomain()) {
            throw IdentifierGrammar.invalid("Only hash-form event IDs name rooms: " + createEventId);
        }
        return new RoomId("!" + createEventId.value().substring(1));
    }

    /** The create event ID of a version 12+ room, which this room ID is derived from. */
    public Optional<EventId> createEventId() {
        return hasDomain() ? Optional.empty() : Optional.of(new EventId("$" + value.substring(1)));
    }

    /** True for the {@code !opaque:domain} form of room versions 1 to 11. */
    public boolean hasDomain() {
        return value.indexOf(':') >= 0;
    }

    public Optional<ServerName> domain() {
        int colon = value.indexOf(':');
        return colon < 0 ? Optional.empty() : Optional.of(new ServerName(value.substring(colon + 1)));
    }

    @Override
    public String toString() {
        return value;
    }

    private static String problem(String s) {
        int colon = s.indexOf(':');
        if (colon >= 0) {
            if (!IdentifierGrammar.isOpaqueLocalpart(s, 1, colon)) {
                return "bad localpart";
            }
            return ServerName.isValid(s.substring(colon + 1)) ? null : "bad server name";
        }
        // Room version 12: "the event ID of the m.room.create event using ! as the sigil".
        if (!ReferenceHashText.isValid(s, 1) || ReferenceHashText.containsAny(s, '+', '/')) {
            return "not a 43-character URL-safe Base64 create event hash";
        }
        return null;
    }
}
