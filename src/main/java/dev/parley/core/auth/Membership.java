package dev.parley.core.auth;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.core.event.Pdu;

/** A user's membership as {@code m.room.member} {@code content.membership} gives it. */
public enum Membership {
    JOIN, INVITE, LEAVE, BAN, KNOCK,
    /** No {@code m.room.member} event for the user in the state. */
    NONE,
    /** A {@code membership} value the spec does not define, or none at all. */
    UNKNOWN;

    /** The membership an {@code m.room.member} event sets, or {@link #NONE} for no event. */
    public static Membership of(Pdu memberEvent) {
        if (memberEvent == null) {
            return NONE;
        }
        return parse(memberEvent.contentField("membership"));
    }

    static Membership parse(JsonNode value) {
        if (value == null || !value.isTextual()) {
            return UNKNOWN;
        }
        return switch (value.textValue()) {
            case "join" -> JOIN;
            case "invite" -> INVITE;
            case "leave" -> LEAVE;
            case "ban" -> BAN;
            case "knock" -> KNOCK;
            default -> UNKNOWN;
        };
    }
}
