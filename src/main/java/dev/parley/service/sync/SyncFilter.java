package dev.parley.service.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.error.MatrixException;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The parts of a filter (Client-Server API, "Filtering") that {@code /sync} applies: which rooms,
 * the timeline's size, event types and senders, the state's event types and senders with lazy
 * loading of members ("Lazy-loading room members"), whether left rooms are included, and the
 * event types of the rooms' ephemeral events and of presence. Unknown keys are ignored, as the
 * spec lets servers do.
 */
public record SyncFilter(int timelineLimit, Optional<Set<String>> rooms, Set<String> notRooms, EventFilter timeline,
                         EventFilter state, boolean lazyLoadMembers, boolean includeRedundantMembers,
                         boolean includeLeave, EventFilter ephemeral, EventFilter presence) {
    static final int DEFAULT_TIMELINE_LIMIT = 10;
    static final int MAX_TIMELINE_LIMIT = 100;

    public static final SyncFilter DEFAULT = new SyncFilter(DEFAULT_TIMELINE_LIMIT, Optional.empty(), Set.of(),
            EventFilter.ALL, EventFilter.ALL, false, false, false, EventFilter.ALL, EventFilter.ALL);

    /** An event filter's {@code types}, {@code not_types}, {@code senders} and {@code not_senders}. */
    public record EventFilter(Optional<Set<String>> types, Set<String> notTypes, Optional<Set<String>> senders,
                              Set<String> notSenders) {
        static final EventFilter ALL = new EventFilter(Optional.empty(), Set.of(), Optional.empty(), Set.of());

        static EventFilter of(JsonNode node) {
            return new EventFilter(strings(node.get("types")), strings(node.get("not_types")).orElse(Set.of()),
                    strings(node.get("senders")), strings(node.get("not_senders")).orElse(Set.of()));
        }

        boolean wantsType(String type) {
            return types.map(t -> matchesAny(t, type)).orElse(true) && !matchesAny(notTypes, type);
        }

        boolean wants(String type, String sender) {
            return wantsType(type) && senders.map(s -> s.contains(sender)).orElse(true) && !notSenders.contains(sender);
        }
    }

    public static SyncFilter of(ObjectNode filter) {
        JsonNode room = filter.path("room");
        JsonNode timeline = room.path("timeline");
        JsonNode state = room.path("state");
        int limit = timeline.path("limit").isIntegralNumber()
                ? Math.max(1, Math.min(MAX_TIMELINE_LIMIT, timeline.get("limit").asInt())) : DEFAULT_TIMELINE_LIMIT;
        return new SyncFilter(limit, strings(room.get("rooms")), strings(room.get("not_rooms")).orElse(Set.of()),
                EventFilter.of(timeline), EventFilter.of(state), state.path("lazy_load_members").asBoolean(false),
                state.path("include_redundant_members").asBoolean(false), room.path("include_leave").asBoolean(false),
                EventFilter.of(room.path("ephemeral")), EventFilter.of(filter.path("presence")));
    }

    boolean wantsEphemeral(String type) {
        return ephemeral.wantsType(type);
    }

    boolean wantsPresence() {
        return presence.wantsType("m.presence");
    }

    boolean wantsRoom(String roomId) {
        return rooms.map(r -> r.contains(roomId)).orElse(true) && !notRooms.contains(roomId);
    }

    boolean wantsInTimeline(String type, String sender) {
        return timeline.wants(type, sender);
    }

    boolean wantsInState(String type, String sender) {
        return state.wants(type, sender);
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
