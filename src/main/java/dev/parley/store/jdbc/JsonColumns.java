package dev.parley.store.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.json.Json;
import dev.parley.store.StoreException;

/** JSON values kept in TEXT columns. */
final class JsonColumns {
    private JsonColumns() {
    }

    static String write(JsonNode value) {
        try {
            return Json.MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new StoreException("cannot serialise a JSON column", e);
        }
    }

    static JsonNode read(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new StoreException("stored JSON is unreadable", e);
        }
    }

    static ObjectNode readObject(String text) {
        if (read(text) instanceof ObjectNode object) {
            return object;
        }
        throw new StoreException("stored JSON is not an object", null);
    }
}
