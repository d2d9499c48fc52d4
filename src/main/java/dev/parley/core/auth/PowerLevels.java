package dev.parley.core.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.event.Pdu;
import dev.parley.core.id.UserId;
import dev.parley.core.room.RoomVersion;

import java.util.HashMap;
import java.util.Map;

/**
 * The levels of an {@code m.room.power_levels} event with the spec's defaults filled in
 * ({@code m.room.power_levels} schema; server-server "Definitions": invite level defaults to 0,
 * kick, ban and redact levels to 50).
 *
 * <ul>
 *   <li>Without a power levels event, the creator has 100 and everyone else 0 (v1-v11);
 *       {@code state_default} is 50 and {@code events_default} 0 in either case.</li>
 *   <li>From v12 the creators have infinite power ({@link #INFINITE}) with or without one.</li>
 *   <li>A value that is not a valid power level for the room version reads as absent; the auth
 *       rules reject such events where the spec says so (see {@link PowerLevelsRules}).</li>
 * </ul>
 */
public final class PowerLevels {
    /** The power of v12 room creators: above any level an event can express (at most 2^53-1). */
    public static final long INFINITE = Long.MAX_VALUE;

    /** The top-level properties whose changes rule "power levels 3" (v10: 5, v12: 6) checks. */
    static final String[] NAMED = {"users_default", "events_default", "state_default", "ban", "redact", "kick", "invite"};

    private final boolean hasEvent;
    private final Map<String, Long> named;
    private final Map<String, Long> users;
    private final Map<String, Long> events;
    private final Map<String, Long> notifications;
    private final Creators creators;

    private PowerLevels(boolean hasEvent, Map<String, Long> named, Map<String, Long> users,
                        Map<String, Long> events, Map<String, Long> notifications, Creators creators) {
        this.hasEvent = hasEvent;
        this.named = named;
        this.users = users;
        this.events = events;
        this.notifications = notifications;
        this.creators = creators;
    }

    /** Levels from {@code powerLevels} (null when the room has none) in a room with these creators. */
    public static PowerLevels of(Pdu powerLevels, Creators creators, RoomVersion version) {
        if (powerLevels == null) {
            return new PowerLevels(false, Map.of(), Map.of(), Map.of(), Map.of(), creators);
        }
        return fromContent(powerLevels.content(), creators, version);
    }

    /** Levels from the {@code content} of a power levels event. */
    public static PowerLevels fromContent(ObjectNode content, Creators creators, RoomVersion version) {
        Map<String, Long> named = new HashMap<>();
        for (String name : NAMED) {
            Long value = PowerLevelInteger.read(content.get(name), version);
            if (value != null) {
                named.put(name, value);
            }
        }
        return new PowerLevels(true, named, levels(content.get("users"), version),
                levels(content.get("events"), version), levels(content.get("notifications"), version), creators);
    }

    private static Map<String, Long> levels(JsonNode node, RoomVersion version) {
        if (node == null || !node.isObject() || node.isEmpty()) {
            return Map.of();
        }
        Map<String, Long> levels = new HashMap<>(node.size() * 2);
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            Long value = PowerLevelInteger.read(entry.getValue(), version);
            if (value != null) {
                levels.put(entry.getKey(), value);
            }
        }
        return levels;
    }

    /** True if these levels come from an {@code m.room.power_levels} event. */
    public boolean hasEvent() {
        return hasEvent;
    }

    public Creators creators() {
        return creators;
    }

    /** The power level of {@code userId}; {@link #INFINITE} for a v12 creator. */
    public long userLevel(String userId) {
        if (creators.privileged() && creators.contains(userId)) {
            return INFINITE;
        }
        if (!hasEvent) {
            return creators.contains(userId) ? 100 : 0;
        }
        Long level = users.get(userId);
        return level != null ? level : named("users_default", 0);
    }

    public long userLevel(UserId user) {
        return userLevel(user.value());
    }

    /**
     * The <em>required power level</em> of an event type: its {@code events} entry, else
     * {@code state_default} for state events and {@code events_default} for others.
     */
    public long requiredLevel(String eventType, boolean isState) {
        Long level = events.get(eventType);
        if (level != null) {
            return level;
        }
        return isState ? named("state_default", 50) : named("events_default", 0);
    }

    public long ban() {
        return named("ban", 50);
    }

    public long kick() {
        return named("kick", 50);
    }

    public long redact() {
        return named("redact", 50);
    }

    public long invite() {
        return named("invite", 0);
    }

    /** The level needed for a notification kind, e.g. {@code room} (default 50). */
    public long notificationLevel(String key) {
        Long level = notifications.get(key);
        return level != null ? level : 50;
    }

    /** A top-level property as written in the event, if it was present and valid. */
    Long explicit(String name) {
        return named.get(name);
    }

    Map<String, Long> users() {
        return users;
    }

    Map<String, Long> events() {
        return events;
    }

    Map<String, Long> notifications() {
        return notifications;
    }

    private long named(String name, long fallback) {
        Long value = named.get(name);
        return value != null ? value : fallback;
    }
}
