package dev.parley.service.push;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.api.client.SetPushRule;
import dev.parley.core.error.ErrCode;
import dev.parley.core.error.MatrixException;
import dev.parley.core.id.RoomId;
import dev.parley.core.id.UserId;
import dev.parley.core.json.Json;
import dev.parley.store.UserPushRules;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Checks what clients send for push rules and turns it into stored form (Client-Server API, "Push Rules"). */
final class PushRuleInput {
    /** Actions the spec defines as strings; {@code set_tweak} is the one object action. */
    private static final Set<String> STRING_ACTIONS = Set.of("notify");
    /** "Historical Actions": servers MUST ignore these, for instance by stripping them. */
    private static final Set<String> HISTORICAL_ACTIONS = Set.of("dont_notify", "coalesce");

    private PushRuleInput() {
    }

    /** A new or replaced user-defined rule from a {@code PUT}; enabled, as new rules MUST be. */
    static UserPushRules.Rule rule(PushRuleKind kind, String ruleId, SetPushRule.Request body) {
        requireUserRuleId(kind, ruleId);
        Optional<JsonNode> conditions = Optional.empty();
        Optional<String> pattern = Optional.empty();
        if (kind.hasConditions()) {
            ArrayNode list = Json.MAPPER.createArrayNode();
            for (ObjectNode condition : body.conditions() == null ? List.<ObjectNode>of() : body.conditions()) {
                if (condition == null || !condition.path("kind").isTextual()) {
                    throw MatrixException.badJson("Every condition needs a 'kind' string");
                }
                list.add(condition);
            }
            conditions = Optional.of(list);
        } else if (kind == PushRuleKind.CONTENT) {
            if (body.pattern() == null) {
                throw new MatrixException(ErrCode.MISSING_PARAM, "Content rules need a 'pattern'");
            }
            pattern = Optional.of(body.pattern());
        }
        return new UserPushRules.Rule(kind.wireName(), ruleId, conditions, pattern, actions(body.actions()), true);
    }

    /** The actions array, checked, with the historical actions stripped. */
    static ArrayNode actions(List<JsonNode> actions) {
        if (actions == null) {
            throw new MatrixException(ErrCode.MISSING_PARAM, "'actions' is required");
        }
        ArrayNode kept = Json.MAPPER.createArrayNode();
        for (JsonNode action : actions) {
            if (action != null && action.isTextual() && HISTORICAL_ACTIONS.contains(action.asText())) {
                continue;
            }
            boolean known = action != null && (action.isTextual() && STRING_ACTIONS.contains(action.asText())
                    || action.isObject() && action.path("set_tweak").isTextual());
            if (!known) {
                throw MatrixException.badJson("Unrecognised push rule action: " + action);
            }
            kept.add(action);
        }
        return kept;
    }

    /**
     * The spec reserves IDs starting with "." for server-default rules and forbids slashes; room
     * and sender rules are named after the room or user they concern.
     */
    private static void requireUserRuleId(PushRuleKind kind, String ruleId) {
        if (ruleId.startsWith(".")) {
            throw MatrixException.invalidParam("Rule IDs starting with '.' are reserved for server-default rules");
        }
        if (ruleId.contains("/") || ruleId.contains("\\")) {
            throw MatrixException.invalidParam("Rule IDs may not contain slashes or backslashes");
        }
        if (kind == PushRuleKind.ROOM && !RoomId.isValid(ruleId)) {
            throw MatrixException.invalidParam("A room rule's ID must be a room ID");
        }
        if (kind == PushRuleKind.SENDER && !UserId.isValid(ruleId)) {
            throw MatrixException.invalidParam("A sender rule's ID must be a user ID");
        }
    }
}
