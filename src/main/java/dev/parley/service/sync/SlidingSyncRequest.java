package dev.parley.service.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.error.MatrixException;
import dev.parley.core.id.RoomId;
import dev.parley.core.id.UserId;
import dev.parley.core.json.Json;
import dev.parley.service.edu.PresenceState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One simplified sliding sync request (MSC4186), parsed at the edge. Both the shape Element X
 * and Synapse speak ({@code ranges}, {@code is_invite}, {@code pos}/{@code timeout} in the query)
 * and the MSC's later one ({@code range}, {@code is_invited}, {@code pos}/{@code timeout} in the
 * body) are read.
 */
public record SlidingSyncRequest(UserId user, Optional<String> deviceId, String connId, Optional<String> pos,
                                 Duration timeout, PresenceState setPresence, Map<String, ListConfig> lists,
                                 Map<RoomId, RoomConfig> subscriptions, Extensions extensions) {
    static final int MAX_TIMELINE_LIMIT = 100;
    static final int MAX_LISTS = 100;

    /** What to send of a room: the newest {@code timelineLimit} events and {@code requiredState}. */
    public record RoomConfig(int timelineLimit, RequiredState requiredState) {
        static final RoomConfig NONE = new RoomConfig(0, RequiredState.NONE);

        RoomConfig union(RoomConfig other) {
            return new RoomConfig(Math.max(timelineLimit, other.timelineLimit), requiredState.union(other.requiredState));
        }
    }

    /** A list: the filtered, activity-ordered room list, cut to {@code ranges} (all of it when there are none). */
    public record ListConfig(List<long[]> ranges, RoomConfig room, ListFilters filters) {
        boolean inRange(int index) {
            return ranges.isEmpty() || ranges.stream().anyMatch(r -> index >= r[0] && index <= r[1]);
        }
    }

    /**
     * The list filters; an empty optional does not filter. In {@code roomTypes}, the empty string
     * stands for rooms without a type (the request's {@code null}). {@code tags}: rooms whose
     * {@code m.tag} account data holds any of them (none given: no filter); {@code notTags}: rooms
     * holding none of them, which wins over {@code tags} (MSC3575's list filters).
     */
    public record ListFilters(Optional<Boolean> isDm, Optional<Boolean> isInvite, Optional<Boolean> isEncrypted,
                              Optional<Set<String>> roomTypes, Set<String> notRoomTypes, Optional<Set<RoomId>> spaces,
                              Set<String> tags, Set<String> notTags) {
        static final ListFilters NONE = new ListFilters(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Set.of(), Optional.empty(), Set.of(), Set.of());

        boolean usesTags() {
            return !tags.isEmpty() || !notTags.isEmpty();
        }
    }

    /**
     * One extension's switch and scope. {@code lists}/{@code rooms} narrow the rooms it reports
     * on (absent: every room in the response; {@code "*"}: every list); {@code since} is the
     * to-device extension's own token.
     */
    public record Extension(boolean enabled, Optional<Set<String>> lists, Optional<Set<String>> rooms,
                            Optional<String> since) {
        static final Extension OFF = new Extension(false, Optional.empty(), Optional.empty(), Optional.empty());
    }

    public record Extensions(Extension toDevice, Extension e2ee, Extension accountData, Extension receipts,
                             Extension typing, Extension presence) {
    }

    /**
     * @param query the query parameters the endpoint read ({@code pos}, {@code timeout},
     *     {@code conn_id}, {@code set_presence}); the body's values win
     */
    public static SlidingSyncRequest parse(UserId user, Optional<String> deviceId, ObjectNode body,
                                           Map<String, Optional<String>> query) {
        Optional<String> pos = text(body, "pos").or(() -> query.getOrDefault("pos", Optional.empty()));
        String connId = text(body, "conn_id").or(() -> query.getOrDefault("conn_id", Optional.empty())).orElse("");
        Optional<String> timeoutText = body.hasNonNull("timeout") ? Optional.of(body.get("timeout").asText())
                : query.getOrDefault("timeout", Optional.empty());
        long timeout = timeoutText.map(SlidingSyncRequest::millis).orElse(0L);
        PresenceState presence = text(body, "set_presence").or(() -> query.getOrDefault("set_presence", Optional.empty()))
                .map(PresenceState::parse).orElse(PresenceState.ONLINE);
        Map<String, ListConfig> lists = new LinkedHashMap<>();
        JsonNode listsNode = object(body, "lists");
        if (listsNode.size() > MAX_LISTS) {
            throw MatrixException.badJson("At most " + MAX_LISTS + " lists");
        }
        listsNode.properties().forEach(e -> lists.put(e.getKey(), list(e.getValue())));
        Map<RoomId, RoomConfig> subscriptions = new LinkedHashMap<>();
        object(body, "room_subscriptions").properties().forEach(e -> {
            RoomId room;
            try {
                room = RoomId.parse(e.getKey());
            } catch (MatrixException bad) {
                throw MatrixException.badJson("room_subscriptions keys must be room IDs");
            }
            subscriptions.put(room, roomConfig(e.getValue()));
        });
        JsonNode ext = object(body, "extensions");
        Extensions extensions = new Extensions(extension(ext, "to_device"), extension(ext, "e2ee"),
                extension(ext, "account_data"), extension(ext, "receipts"), extension(ext, "typing"),
                extension(ext, "presence"));
        return new SlidingSyncRequest(user, deviceId, connId, pos, Duration.ofMillis(timeout), presence, lists,
                subscriptions, extensions);
    }

    private static ListConfig list(JsonNode node) {
        if (!node.isObject()) {
            throw MatrixException.badJson("A list must be an object");
        }
        List<long[]> ranges = new ArrayList<>();
        JsonNode many = node.get("ranges");
        if (many != null && many.isArray()) {
            many.forEach(r -> ranges.add(range(r)));
        } else if (node.hasNonNull("range")) {
            ranges.add(range(node.get("range")));
        }
        return new ListConfig(List.copyOf(ranges), roomConfig(node), filters(node.path("filters")));
    }

    private static long[] range(JsonNode r) {
        if (!r.isArray() || r.size() != 2 || !r.get(0).canConvertToLong() || !r.get(1).canConvertToLong()
                || r.get(0).asLong() < 0 || r.get(1).asLong() < r.get(0).asLong()) {
            throw MatrixException.badJson("A range is [start, end] with 0 <= start <= end");
        }
        return new long[] {r.get(0).asLong(), r.get(1).asLong()};
    }

    private static RoomConfig roomConfig(JsonNode node) {
        if (!node.isObject()) {
            throw MatrixException.badJson("A room config must be an object");
        }
        JsonNode limit = node.get("timeline_limit");
        if (limit != null && !limit.isNull() && !limit.canConvertToInt()) {
            throw MatrixException.badJson("timeline_limit must be an integer");
        }
        int timelineLimit = limit == null || limit.isNull() ? 0 : Math.max(0, Math.min(MAX_TIMELINE_LIMIT, limit.asInt()));
        return new RoomConfig(timelineLimit, RequiredState.parse(node.get("required_state")));
    }

    private static ListFilters filters(JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return ListFilters.NONE;
        }
        if (!node.isObject()) {
            throw MatrixException.badJson("filters must be an object");
        }
        Optional<Boolean> invite = bool(node, "is_invite").or(() -> bool(node, "is_invited"));
        Optional<Set<RoomId>> spaces = strings(node.get("spaces")).map(ids -> {
            Set<RoomId> out = new HashSet<>();
            ids.stream().filter(id -> !id.isEmpty()).forEach(id -> {
                try {
                    out.add(RoomId.parse(id));
                } catch (MatrixException ignored) {
                    // The MSC: unknown spaces are ignored.
                }
            });
            return Set.copyOf(out);
        });
        return new ListFilters(bool(node, "is_dm"), invite, bool(node, "is_encrypted"), strings(node.get("room_types")),
                strings(node.get("not_room_types")).orElse(Set.of()), spaces,
                strings(node.get("tags")).orElse(Set.of()), strings(node.get("not_tags")).orElse(Set.of()));
    }

    private static Extension extension(JsonNode extensions, String name) {
        JsonNode node = extensions.path(name);
        if (!node.isObject()) {
            return Extension.OFF;
        }
        return new Extension(node.path("enabled").asBoolean(false), strings(node.get("lists")),
                strings(node.get("rooms")), text(node, "since"));
    }

    private static JsonNode object(JsonNode parent, String field) {
        JsonNode node = parent.path(field);
        if (node.isMissingNode() || node.isNull()) {
            return Json.MAPPER.createObjectNode();
        }
        if (!node.isObject()) {
            throw MatrixException.badJson(field + " must be an object");
        }
        return node;
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw MatrixException.badJson(field + " must be a string");
        }
        return Optional.of(value.asText());
    }

    private static Optional<Boolean> bool(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isBoolean()) {
            throw MatrixException.badJson(field + " must be a boolean");
        }
        return Optional.of(value.asBoolean());
    }

    /** A list of strings; a JSON null inside reads as "" (the room type of rooms without one). */
    private static Optional<Set<String>> strings(JsonNode list) {
        if (list == null || list.isNull()) {
            return Optional.empty();
        }
        if (!list.isArray()) {
            throw MatrixException.badJson("Expected a list of strings");
        }
        Set<String> out = new HashSet<>();
        list.forEach(item -> out.add(item.isNull() ? "" : item.asText()));
        return Optional.of(Set.copyOf(out));
    }

    private static long millis(String value) {
        try {
            long ms = Long.parseLong(value);
            if (ms < 0) {
                throw MatrixException.invalidParam("timeout must not be negative");
            }
            return ms;
        } catch (NumberFormatException e) {
            throw MatrixException.invalidParam("timeout must be a number of milliseconds");
        }
    }
}
