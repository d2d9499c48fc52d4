package dev.parley.core.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.id.UserId;

import java.util.Map;
import java.util.Objects;

import static dev.parley.core.auth.RuleNumbers.rule;

/**
 * "If type is m.room.power_levels" (rule 10 in v1-v5 and v12, rule 9 in v6-v11). Sub-rule
 * numbers shift by version: v10 adds the integer checks 1-2, v12 the creators check 4.
 */
final class PowerLevelsRules {

    private PowerLevelsRules() {
    }

    static AuthDecision check(AuthContext ctx) {
        int p = ctx.numbers().powerLevels();
        RuleNumbers.Power sub = ctx.numbers().powerRules();
        ObjectNode content = ctx.event().content();
        if (ctx.version().integerOnlyPowerLevels()) {
            // v10 1 "If any of the properties users_default, events_default, state_default, ban,
            // redact, kick, or invite in content are present and not an integer, reject."
            for (String name : PowerLevels.NAMED) {
                JsonNode value = content.get(name);
                if (value != null && !isInteger(value)) {
                    return AuthDecision.reject(rule(p, sub.namedIntegers()), name + " is not an integer");
                }
            }
            // v10 2 "If either of the properties events or notifications in content are present
            // and not an object with values that are integers, reject."
            for (String name : new String[]{"events", "notifications"}) {
                JsonNode value = content.get(name);
                if (value != null && !isIntegerMap(value)) {
                    return AuthDecision.reject(rule(p, sub.mapIntegers()), name + " is not an object of integers");
                }
            }
        }
        // "If the users property in content is not an object with keys that are valid user IDs
        // with values that are integers (or a string that is an integer, before v10), reject."
        JsonNode users = content.get("users");
        if (users != null && !isUserLevels(ctx, users)) {
            return AuthDecision.reject(rule(p, sub.users()), "users is not an object of user IDs to integers");
        }
        // v12 4 "If the users property in content contains the sender of the m.room.create event
        // or any of the additional_creators array (if present) ..., reject."
        if (ctx.version().privilegedCreators() && users != null) {
            for (String creator : ctx.creators().userIds()) {
                if (users.has(creator)) {
                    return AuthDecision.reject(rule(p, sub.creators()), "users may not list the creator " + creator);
                }
            }
        }
        // "If there is no previous m.room.power_levels event in the room, allow."
        if (!ctx.powerLevels().hasEvent()) {
            return AuthDecision.allow(rule(p, sub.noPrevious()));
        }
        return checkChanges(ctx, p, sub, PowerLevels.fromContent(content, ctx.creators(), ctx.version()));
    }

    private static AuthDecision checkChanges(AuthContext ctx, int p, RuleNumbers.Power sub, PowerLevels next) {
        PowerLevels current = ctx.powerLevels();
        long senderLevel = ctx.senderLevel();
        // "For the properties users_default, events_default, state_default, ban, redact, kick,
        // invite check if they were added, changed or removed. For each found alteration:"
        for (String name : PowerLevels.NAMED) {
            Long before = current.explicit(name);
            Long after = next.explicit(name);
            if (Objects.equals(before, after)) {
                continue;
            }
            // .1 "If the current value is higher than the sender's current power level, reject."
            if (before != null && before > senderLevel) {
                return AuthDecision.reject(rule(p, sub.named(), 1), "cannot change " + name + " from above own level");
            }
            // .2 "If the new value is higher than the sender's current power level, reject."
            if (after != null && after > senderLevel) {
                return AuthDecision.reject(rule(p, sub.named(), 2), "cannot set " + name + " above own level");
            }
        }
        boolean withNotifications = ctx.version().limitNotificationsPowerLevels();
        // "For each entry being changed in, or removed from, the events (v6+: or notifications)
        // properties: if the current value is greater than the sender's current power level, reject."
        if (changedOrRemovedAbove(current.events(), next.events(), senderLevel)
                || (withNotifications && changedOrRemovedAbove(current.notifications(), next.notifications(), senderLevel))) {
            return AuthDecision.reject(rule(p, sub.mapRemoved(), 1), "cannot change an event level above own level");
        }
        // "For each entry being added to, or changed in, the events (v6+: or notifications)
        // properties: if the new value is greater than the sender's current power level, reject."
        if (addedOrChangedAbove(current.events(), next.events(), senderLevel)
                || (withNotifications && addedOrChangedAbove(current.notifications(), next.notifications(), senderLevel))) {
            return AuthDecision.reject(rule(p, sub.mapAdded(), 1), "cannot set an event level above own level");
        }
        // "For each entry being changed in, or removed from, the users property, other than the
        // sender's own entry: if the current value is greater than or equal to the sender's
        // current power level, reject."
        String sender = ctx.event().sender().value();
        for (Map.Entry<String, Long> entry : current.users().entrySet()) {
            if (entry.getKey().equals(sender) || entry.getValue().equals(next.users().get(entry.getKey()))) {
                continue;
            }
            if (entry.getValue() >= senderLevel) {
                return AuthDecision.reject(rule(p, sub.usersRemoved(), 1), "cannot change " + entry.getKey()
                        + " whose level is not below own level");
            }
        }
        // "For each entry being added to, or changed in, the users property: if the new value is
        // greater than the sender's current power level, reject."
        if (addedOrChangedAbove(current.users(), next.users(), senderLevel)) {
            return AuthDecision.reject(rule(p, sub.usersAdded(), 1), "cannot raise a user above own level");
        }
        // "Otherwise, allow."
        return AuthDecision.allow(rule(p, sub.otherwise()));
    }

    private static boolean changedOrRemovedAbove(Map<String, Long> before, Map<String, Long> after, long limit) {
        for (Map.Entry<String, Long> entry : before.entrySet()) {
            if (!entry.getValue().equals(after.get(entry.getKey())) && entry.getValue() > limit) {
                return true;
            }
        }
        return false;
    }

    private static boolean addedOrChangedAbove(Map<String, Long> before, Map<String, Long> after, long limit) {
        for (Map.Entry<String, Long> entry : after.entrySet()) {
            if (!entry.getValue().equals(before.get(entry.getKey())) && entry.getValue() > limit) {
                return true;
            }
        }
        return false;
    }

    private static boolean isUserLevels(AuthContext ctx, JsonNode users) {
        if (!users.isObject()) {
            return false;
        }
        for (Map.Entry<String, JsonNode> entry : users.properties()) {
            if (!UserId.isValid(entry.getKey()) || PowerLevelInteger.read(entry.getValue(), ctx.version()) == null) {
                return false;
            }
        }
        return true;
    }

    private static boolean isIntegerMap(JsonNode node) {
        if (!node.isObject()) {
            return false;
        }
        for (JsonNode value : node) {
            if (!isInteger(value)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isInteger(JsonNode value) {
        return value.isIntegralNumber() && value.canConvertToLong();
    }
}
