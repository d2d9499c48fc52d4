package dev.parley.core.auth;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.core.event.Pdu;

/** The {@code join_rule} of an {@code m.room.join_rules} event. */
public enum JoinRule {
    PUBLIC, INVITE, KNOCK, RESTRICTED, KNOCK_RESTRICTED, PRIVATE,
    /** No join rules event, or a value this server does not know. */
    NONE;

    public static JoinRule of(Pdu joinRulesEvent) {
        if (joinRulesEvent == null) {
            return NONE;
        }
        JsonNode value = joinRulesEvent.contentField("join_rule");
        if (value == null || !value.isTextual()) {
            return NONE;
        }
        return switch (value.textValue()) {
            case "public" -> PUBLIC;
            case "invite" -> INVITE;
            case "knock" -> KNOCK;
            case "restricted" -> RESTRICTED;
            case "knock_restricted" -> KNOCK_RESTRICTED;
            case "private" -> PRIVATE;
            default -> NONE;
        };
    }
}
