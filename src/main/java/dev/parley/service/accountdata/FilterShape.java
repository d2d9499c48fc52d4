package dev.parley.service.accountdata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.error.MatrixException;
import java.util.List;
import java.util.Set;

/**
 * A loose check of a filter against {@code definitions/sync_filter.yaml}: every key the spec
 * defines must have its type; unknown keys pass, as other servers let them (clients send
 * experimental ones).
 */
final class FilterShape {
    private static final List<String> STRING_LISTS = List.of("types", "not_types", "senders", "not_senders");
    private static final List<String> ROOM_STRING_LISTS = List.of("rooms", "not_rooms");
    private static final List<String> ROOM_FLAGS = List.of("contains_url", "lazy_load_members",
            "include_redundant_members", "unread_thread_notifications");
    private static final Set<String> EVENT_FORMATS = Set.of("client", "federation");

    private FilterShape() {
    }

    /** @throws MatrixException {@code M_BAD_JSON} naming the first misshapen key */
    static void check(ObjectNode filter) {
        stringList(filter, "event_fields", "event_fields");
        JsonNode format = filter.get("event_format");
        if (format != null && !(format.isTextual() && EVENT_FORMATS.contains(format.asText()))) {
            throw MatrixException.badJson("event_format must be 'client' or 'federation'");
        }
        eventFilter(filter, "presence", "presence", false);
        eventFilter(filter, "account_data", "account_data", false);
        JsonNode room = filter.get("room");
        if (room != null) {
            requireObject(room, "room");
            stringList(room, "rooms", "room.rooms");
            stringList(room, "not_rooms", "room.not_rooms");
            flag(room, "include_leave", "room.include_leave");
            for (String part : List.of("state", "timeline", "ephemeral", "account_data")) {
                eventFilter(room, part, "room." + part, true);
            }
        }
    }

    private static void eventFilter(JsonNode parent, String key, String path, boolean roomEventFilter) {
        JsonNode filter = parent.get(key);
        if (filter == null) {
            return;
        }
        requireObject(filter, path);
        JsonNode limit = filter.get("limit");
        if (limit != null && !(limit.isIntegralNumber() && limit.canConvertToLong())) {
            throw MatrixException.badJson(path + ".limit must be an integer");
        }
        for (String list : STRING_LISTS) {
            stringList(filter, list, path + "." + list);
        }
        if (roomEventFilter) {
            for (String list : ROOM_STRING_LISTS) {
                stringList(filter, list, path + "." + list);
            }
            for (String flag : ROOM_FLAGS) {
                flag(filter, flag, path + "." + flag);
            }
        }
    }

    private static void requireObject(JsonNode node, String path) {
        if (!node.isObject()) {
            throw MatrixException.badJson(path + " must be an object");
        }
    }

    private static void stringList(JsonNode parent, String key, String path) {
        JsonNode list = parent.get(key);
        if (list == null) {
            return;
        }
        if (!list.isArray()) {
            throw MatrixException.badJson(path + " must be an array of strings");
        }
        for (JsonNode element : list) {
            if (!element.isTextual()) {
                throw MatrixException.badJson(path + " must be an array of strings");
            }
        }
    }

    private static void flag(JsonNode parent, String key, String path) {
        JsonNode flag = parent.get(key);
        if (flag != null && !flag.isBoolean()) {
            throw MatrixException.badJson(path + " must be a boolean");
        }
    }
}
