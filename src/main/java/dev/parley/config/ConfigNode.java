package dev.parley.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * One mapping of the YAML configuration, read key by key with its dotted path remembered, so
 * every problem can name the key it is about. Problems are collected rather than thrown one at a
 * time: an operator sees all of them at once. Keys nobody asked for are reported too (a typo
 * must not silently fall back to a default).
 */
final class ConfigNode {
    private final JsonNode node;
    private final String path;
    private final List<String> problems;
    private final Set<String> seen = new HashSet<>();

    private ConfigNode(JsonNode node, String path, List<String> problems) {
        this.node = node;
        this.path = path;
        this.problems = problems;
    }

    static ConfigNode root(JsonNode node, List<String> problems) {
        if (node != null && !node.isMissingNode() && !node.isNull() && !node.isObject()) {
            problems.add("the configuration must be a YAML mapping of keys to values");
            node = MissingNode.getInstance();
        }
        return new ConfigNode(node == null ? MissingNode.getInstance() : node, "", problems);
    }

    String key(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    void problem(String key, String message) {
        problems.add(key(key) + ": " + message);
    }

    private JsonNode raw(String name) {
        seen.add(name);
        JsonNode value = node.path(name);
        return value.isNull() ? MissingNode.getInstance() : value;
    }

    boolean has(String name) {
        return !raw(name).isMissingNode();
    }

    String string(String name, String fallback) {
        JsonNode value = raw(name);
        if (value.isMissingNode()) {
            return fallback;
        }
        if (!value.isValueNode()) {
            problem(name, "must be a string");
            return fallback;
        }
        return value.asText();
    }

    boolean bool(String name, boolean fallback) {
        JsonNode value = raw(name);
        if (value.isMissingNode()) {
            return fallback;
        }
        if (!value.isBoolean()) {
            problem(name, "must be true or false, got '" + value.asText() + "'");
            return fallback;
        }
        return value.booleanValue();
    }

    long integer(String name, long fallback, long min, long max) {
        JsonNode value = raw(name);
        if (value.isMissingNode()) {
            return fallback;
        }
        if (!value.isIntegralNumber() || value.asLong() < min || value.asLong() > max) {
            problem(name, "must be a whole number from " + min + " to " + max + ", got '" + value.asText() + "'");
            return fallback;
        }
        return value.asLong();
    }

    double decimal(String name, double fallback, double min, double max) {
        JsonNode value = raw(name);
        if (value.isMissingNode()) {
            return fallback;
        }
        if (!value.isNumber() || value.asDouble() < min || value.asDouble() > max) {
            problem(name, "must be a number from " + min + " to " + max + ", got '" + value.asText() + "'");
            return fallback;
        }
        return value.asDouble();
    }

    List<String> strings(String name, List<String> fallback) {
        JsonNode value = raw(name);
        if (value.isMissingNode()) {
            return fallback;
        }
        if (!value.isArray()) {
            problem(name, "must be a list");
            return fallback;
        }
        List<String> out = new ArrayList<>();
        for (JsonNode item : value) {
            if (!item.isValueNode()) {
                problem(name, "must be a list of strings");
                return fallback;
            }
            out.add(item.asText());
        }
        return out;
    }

    /** A nested mapping; an absent key reads as an empty mapping so every default applies. */
    ConfigNode child(String name) {
        JsonNode value = raw(name);
        if (!value.isMissingNode() && !value.isObject()) {
            problem(name, "must be a mapping of keys to values");
            value = MissingNode.getInstance();
        }
        return new ConfigNode(value, key(name), problems);
    }

    /** A list of mappings, each read by {@code reader}; absent means {@code fallback}. */
    <T> List<T> children(String name, Function<ConfigNode, T> reader, List<T> fallback) {
        JsonNode value = raw(name);
        if (value.isMissingNode()) {
            return fallback;
        }
        if (!value.isArray()) {
            problem(name, "must be a list");
            return fallback;
        }
        List<T> out = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            String itemPath = key(name) + "[" + i + "]";
            if (!item.isObject()) {
                problems.add(itemPath + ": must be a mapping of keys to values");
                continue;
            }
            ConfigNode child = new ConfigNode(item, itemPath, problems);
            out.add(reader.apply(child));
            child.rejectUnknownKeys();
        }
        return out;
    }

    /** Call after reading every key this mapping may hold. */
    void rejectUnknownKeys() {
        if (!(node instanceof ObjectNode object)) {
            return;
        }
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!seen.contains(name)) {
                problems.add(key(name) + ": unknown key (check its spelling against the generated configuration)");
            }
        }
    }
}
