package dev.parley.service.room;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.error.ErrCode;
import dev.parley.core.error.MatrixException;
import dev.parley.core.event.Pdu;
import dev.parley.core.json.Json;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * A {@code RoomEventFilter} (Client-Server API, "Filtering";
 * {@code definitions/room_event_filter.yaml}). Absent lists do not filter; {@code not_*} lists win
 * over their positive lists; {@code types} and {@code not_types} take {@code *} as a wildcard for
 * any sequence of characters.
 */
public record RoomEventFilter(Optional<List<String>> types, List<String> notTypes, Optional<List<String>> senders,
                              List<String> notSenders, Optional<List<String>> rooms, List<String> notRooms,
                              Optional<Boolean> containsUrl, boolean lazyLoadMembers, boolean includeRedundantMembers,
                              OptionalInt limit) {
    public static final RoomEventFilter NONE = new RoomEventFilter(Optional.empty(), List.of(), Optional.empty(), List.of(),
            Optional.empty(), List.of(), Optional.empty(), false, false, OptionalInt.empty());

    /**
     * Reads the filter a client passes as a JSON query parameter.
     *
     * @throws MatrixException {@code M_NOT_JSON} when it is not JSON, {@code M_BAD_JSON} when a key has the wrong type
     */
    public static RoomEventFilter parse(Optional<String> json) {
        if (json.isEmpty() || json.get().isBlank()) {
            return NONE;
        }
        JsonNode tree;
        try {
            tree = Json.MAPPER.readTree(json.get());
        } catch (JacksonException e) {
            throw new MatrixException(ErrCode.NOT_JSON, "filter is not JSON");
        }
        if (!(tree instanceof ObjectNode filter)) {
            throw MatrixException.badJson("filter must be a JSON object");
        }
        JsonNode limit = filter.get("limit");
        if (limit != null && !(limit.isIntegralNumber() && limit.canConvertToInt())) {
            throw MatrixException.badJson("filter.limit must be an integer");
        }
        return new RoomEventFilter(optionalList(filter, "types"), list(filter, "not_types"), optionalList(filter, "senders"),
                list(filter, "not_senders"), optionalList(filter, "rooms"), list(filter, "not_rooms"),
                flag(filter, "contains_url"), flag(filter, "lazy_load_members").orElse(false),
                flag(filter, "include_redundant_members").orElse(false),
                limit == null ? OptionalInt.empty() : OptionalInt.of(limit.intValue()));
    }

    public boolean matches(Pdu event) {
        String room = event.roomId().value();
        if (notRooms.contains(room) || rooms.map(r -> !r.contains(room)).orElse(false)) {
            return false;
        }
        String sender = event.sender().value();
        if (notSenders.contains(sender) || senders.map(s -> !s.contains(sender)).orElse(false)) {
            return false;
        }
        if (notTypes.stream().anyMatch(t -> typeMatches(t, event.type()))
                || types.map(t -> t.stream().noneMatch(p -> typeMatches(p, event.type()))).orElse(false)) {
            return false;
        }
        if (containsUrl.isPresent()) {
            boolean hasUrl = event.content().path("url").isTextual();
            return hasUrl == containsUrl.get();
        }
        return true;
    }

    private static boolean typeMatches(String pattern, String type) {
        if (!pattern.contains("*")) {
            return pattern.equals(type);
        }
        String regex = String.join(".*", Arrays.stream(pattern.split("\\*", -1)).map(Pattern::quote).toList());
        return Pattern.compile(regex, Pattern.DOTALL).matcher(type).matches();
    }

    private static Optional<List<String>> optionalList(ObjectNode filter, String key) {
        return filter.has(key) ? Optional.of(list(filter, key)) : Optional.empty();
    }

    private static List<String> list(ObjectNode filter, String key) {
        JsonNode node = filter.get(key);
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw MatrixException.badJson("filter." + key + " must be a list of strings");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode item : node) {
            if (!item.isTextual()) {
                throw MatrixException.badJson("filter." + key + " must be a list of strings");
            }
            out.add(item.textValue());
        }
        return List.copyOf(out);
    }

    private static Optional<Boolean> flag(ObjectNode filter, String key) {
        JsonNode node = filter.get(key);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isBoolean()) {
            throw MatrixException.badJson("filter." + key + " must be a boolean");
        }
        return Optional.of(node.booleanValue());
    }
}
