package dev.parley.service.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.error.MatrixException;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The parts of a filter (Client-Server API, "Filtering") that {@code /sync} applies: which rooms,
 * the timeline's size and event types, whether left rooms are included, and the event types of
 * the rooms' ephemeral events and of presence. Unknown keys are ignored, as the spec lets
 * servers do.
 */
public record SyncFilter(int timelineLimit, Optional<Set<String>> rooms, Set<String> notRooms,
                         Optional<Set<String>> timelineTypes, Set<String> timelineNotTypes, boolean includeLeave,
                         Optional<Set<String>> ephemeralTypes, Set<String> ephemeralNotTypes,
                         Optional<Set<String>> presenceTypes, Set<String> presenceNotTypes) {
    static final int DEFAULT_TIMELINE_LIMIT = 10;
    static final int MAX_TIMELINE_LIMIT = 100;

    public static final SyncFilter DEFAULT = new SyncFilter(DEFAULT_TIMELINE_LIMIT, Optional.empty(), Set.of(),
            Optional.empty(), Set.of(), false, Optional.empty(), Set.of(), Optional.empty(), Set.of());

    public static SyncFilter of(ObjectNode filter) {
        JsonNode room = filter.path("room");
        JsonNode timeline = room.path("timeline");
        int limit = timeline.path("limit").isIntegralNumber()
                ? Math.max(1, Math.min(MAX_TIMELINE_LIMIT, timeline.get("limit").asInt())) : DEFAULT_TIMELINE_LIMIT;
        JsonNode ephemeral = room.path("ephemeral");
        JsonNode presence = filter.path("presence");
        return new SyncFilter(limit, strings(room.get("rooms")), strings(room.get("not_rooms")).orElse(Set.of()),
                strings(timeline.get("types")), strings(timeline.get("not_types")).orElse(Set.of()),
                room.path("include_leave").asBoolean(false),
                strings(ephemeral.get("types")), strings(ephemeral.get("not_types")).orElse(Set.of()),
                strings(presence.get("types")), strings(presence.get("not_types")).orElse(Set.of()));
    }

    boolean wantsEphemeral(String type) {
        return ephemeralTypes.map(t -> matchesAny(t, type)).orElse(true) && !matchesAny(ephemeralNotTypes, type);
    }

    boolean wantsPresence() {
        return presenceTypes.map(t -> matchesAny(t, "m.presence")).orElse(true)
                && !matchesAny(presenceNotTypes, "m.presence");
    }

    boolean wantsRoom(String roomId) {
        return rooms.map(r -> r.contains(roomId)).orElse(true) && !notRooms.contains(roomId);
    }

    boolean wantsInTimeline(String type) {
        return timelineTypes.map(t -> matchesAny(t, type)).orElse(true) && !matchesAny(timelineNotTypes, type);
    }

    /** Filter type patterns may end in {@code *}. */
    private static boolean matchesAny(Set<String> patterns, String type) {
        for (String p : patterns) {
            if (p.equals(type) || (p.endsWith("*") && type.startsWith(p.substring(0, p.length() - 1)))) {
                return true;
            }
        }
        return false;
    }

    private static Optional<Set<String>> strings(JsonNode list) {
        if (list == null || list.isNull()) {
            return Optional.empty();
        }
        if (!list.isArray()) {
            throw MatrixException.badJson("Filter lists must be arrays of strings");
        }
        Set<String> out = new HashSet<>();
        list.forEach(item -> out.add(item.asText()));
        return Optional.of(Set.copyOf(out));
    }
}
