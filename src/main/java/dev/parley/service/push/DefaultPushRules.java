package dev.parley.service.push;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.parley.api.client.PushRuleset;
import dev.parley.core.id.UserId;
import dev.parley.core.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The server-default push rules, read from {@code default-push-rules.json}: the spec's
 * "Predefined Rules" copied as data, so a new spec version changes a file, not code.
 */
final class DefaultPushRules {
    /** The spec writes this where a rule names the user it belongs to. */
    static final String USER_ID_PLACEHOLDER = "[the user's Matrix ID]";
    private static final String RESOURCE = "default-push-rules.json";

    private final ObjectNode template;

    private DefaultPushRules(ObjectNode template) {
        this.template = template;
    }

    static DefaultPushRules fromSpec() {
        try (InputStream in = DefaultPushRules.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            return new DefaultPushRules((ObjectNode) Json.MAPPER.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /** The user's server-default rules by kind, in the spec's order. */
    Map<PushRuleKind, List<PushRuleset.Rule>> forUser(UserId user) {
        Map<PushRuleKind, List<PushRuleset.Rule>> rules = new EnumMap<>(PushRuleKind.class);
        for (PushRuleKind kind : PushRuleKind.values()) {
            List<PushRuleset.Rule> ofKind = new ArrayList<>();
            for (JsonNode rule : template.path(kind.wireName())) {
                ObjectNode own = (ObjectNode) substitute(rule, user.value());
                ofKind.add(new PushRuleset.Rule(own.path("rule_id").asText(), true, own.path("enabled").asBoolean(),
                        own.path("actions"), kind.hasConditions() ? own.path("conditions") : null,
                        own.hasNonNull("pattern") ? own.path("pattern").asText() : null));
            }
            rules.put(kind, List.copyOf(ofKind));
        }
        return rules;
    }

    /** Whether a server-default rule of this kind has this ID. */
    boolean isDefault(PushRuleKind kind, String ruleId) {
        for (JsonNode rule : template.path(kind.wireName())) {
            if (rule.path("rule_id").asText().equals(ruleId)) {
                return true;
            }
        }
        return false;
    }

    private static JsonNode substitute(JsonNode node, String userId) {
        if (node.isTextual() && node.asText().equals(USER_ID_PLACEHOLDER)) {
            return TextNode.valueOf(userId);
        }
        if (node instanceof ObjectNode object) {
            ObjectNode copy = Json.MAPPER.createObjectNode();
            object.properties().forEach(e -> copy.set(e.getKey(), substitute(e.getValue(), userId)));
            return copy;
        }
        if (node instanceof ArrayNode array) {
            ArrayNode copy = Json.MAPPER.createArrayNode();
            array.forEach(element -> copy.add(substitute(element, userId)));
            return copy;
        }
        return node;
    }
}
