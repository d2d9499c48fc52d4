package dev.parley.core.auth;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.core.event.Pdu;
import dev.parley.core.id.UserId;
import dev.parley.core.room.RoomVersion;
import dev.parley.core.room.RoomVersions;

import static dev.parley.core.auth.RuleNumbers.rule;

/** Authorization rule 1: "If type is m.room.create". */
final class CreateEventRules {

    private CreateEventRules() {
    }

    static AuthDecision check(Pdu event, RoomVersion version) {
        // 1.1 "If it has any prev_events, reject."
        if (!event.prevEvents().isEmpty()) {
            return AuthDecision.reject(rule(1, 1), "the create event has prev_events");
        }
        if (version.roomIdFromCreateEvent()) {
            // v12 1.2 "If the event has a room_id, reject."
            if (event.json().has("room_id")) {
                return AuthDecision.reject(rule(1, 2), "a v12 create event has no room_id");
            }
        } else if (!event.roomId().domain().map(d -> d.equals(event.sender().server())).orElse(false)) {
            // 1.2 "If the domain of the room_id does not match the domain of the sender, reject."
            return AuthDecision.reject(rule(1, 2), "room_id domain differs from the sender's");
        }
        // 1.3 "If content.room_version is present and is not a recognised version, reject."
        JsonNode roomVersion = event.contentField("room_version");
        if (roomVersion != null && !(roomVersion.isTextual() && RoomVersions.isSupported(roomVersion.textValue()))) {
            return AuthDecision.reject(rule(1, 3), "unknown room_version " + roomVersion);
        }
        if (version.privilegedCreators()) {
            // v12 1.4 "If additional_creators is present in content and is not an array of strings
            // where each string passes the same user ID validation applied to sender, reject."
            JsonNode additional = event.contentField("additional_creators");
            if (additional != null && !isUserIdArray(additional)) {
                return AuthDecision.reject(rule(1, 4), "additional_creators is not an array of user IDs");
            }
            return AuthDecision.allow(rule(1, 5));
        }
        if (version.implicitRoomCreator()) {
            // v11 1.4 "Otherwise, allow."
            return AuthDecision.allow(rule(1, 4));
        }
        // 1.4 "If content has no creator property, reject."
        if (event.contentField("creator") == null) {
            return AuthDecision.reject(rule(1, 4), "content has no creator");
        }
        return AuthDecision.allow(rule(1, 5));
    }

    private static boolean isUserIdArray(JsonNode node) {
        if (!node.isArray()) {
            return false;
        }
        for (JsonNode item : node) {
            if (!item.isTextual() || !UserId.isValid(item.textValue())) {
                return false;
            }
        }
        return true;
    }
}
