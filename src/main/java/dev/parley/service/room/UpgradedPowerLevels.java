package dev.parley.service.room;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.auth.StateKey;
import dev.parley.core.id.UserId;
import dev.parley.core.room.RoomVersion;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The old room's {@code m.room.power_levels} content, made valid for the replacement room's
 * version: v10+ accept only integers (older rooms may hold numeric strings); v12+ creators may
 * not be listed in {@code users}; going from a v12+ room (where the upgrading creator had no
 * entry) to an older version, the user keeps admin rights with an entry of 100.
 */
final class UpgradedPowerLevels {
    private static final List<String> NAMED = List.of("users_default", "events_default", "state_default", "ban",
            "kick", "redact", "invite");

    private UpgradedPowerLevels() {
    }

    static ObjectNode forNewRoom(ObjectNode old, RoomVersion oldVersion, RoomVersion newVersion, UserId user,
                                 Set<String> creators) {
        ObjectNode content = old.deepCopy();
        if (newVersion.integerOnlyPowerLevels()) {
            for (String name : NAMED) {
                normalise(content, name);
            }
            for (String map : List.of("users", "events", "notifications")) {
                if (content.get(map) instanceof ObjectNode levels) {
                    levels.properties().stream().map(Map.Entry::getKey).toList().forEach(key -> normalise(levels, key));
                }
            }
        }
        ObjectNode users = content.get("users") instanceof ObjectNode existing ? existing : content.putObject("users");
        if (newVersion.privilegedCreators()) {
            creators.forEach(users::remove);
        } else if (oldVersion.privilegedCreators() && userLevel(content, user) < 100) {
            users.put(user.value(), 100);
        }
        return content;
    }

    /** The level that sending the power levels, the copied state and (if any) bans needs. */
    static long levelToCopy(ObjectNode levels, Set<String> stateTypes, boolean bans) {
        long needed = eventLevel(levels, StateKey.POWER_LEVELS);
        for (String type : stateTypes) {
            needed = Math.max(needed, eventLevel(levels, type));
        }
        if (bans) {
            needed = Math.max(needed, Math.max(named(levels, "ban", 50), eventLevel(levels, StateKey.MEMBER)));
        }
        return needed;
    }

    static long userLevel(ObjectNode levels, UserId user) {
        Long level = integer(levels.path("users").get(user.value()));
        return level != null ? level : named(levels, "users_default", 0);
    }

    static long named(ObjectNode levels, String name, long fallback) {
        Long level = integer(levels.get(name));
        return level != null ? level : fallback;
    }

    private static long eventLevel(ObjectNode levels, String type) {
        Long level = integer(levels.path("events").get(type));
        return level != null ? level : named(levels, "state_default", 50);
    }

    private static void normalise(ObjectNode parent, String key) {
        JsonNode value = parent.get(key);
        if (value == null || value.isIntegralNumber()) {
            return;
        }
        Long level = integer(value);
        if (level == null) {
            parent.remove(key);
        } else {
            parent.put(key, level);
        }
    }

    /** A power level as the older room versions read one: an integer, a float (truncated) or a numeric string. */
    private static Long integer(JsonNode value) {
        if (value == null) {
            return null;
        }
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return value.longValue();
        }
        if (value.isNumber()) {
            return (long) value.doubleValue();
        }
        if (value.isTextual()) {
            try {
                return Long.parseLong(value.textValue().trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }
}
