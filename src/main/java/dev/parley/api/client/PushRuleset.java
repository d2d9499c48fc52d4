package dev.parley.api.client;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A push ruleset, the Client-Server API's {@code definitions/push_ruleset.yaml}: the rules of
 * each kind, most important first. Shared by the push rule operations and {@code m.push_rules}.
 */
public record PushRuleset(List<Rule> override, List<Rule> content, List<Rule> room, List<Rule> sender,
                          List<Rule> underride) {

    /**
     * One push rule, {@code definitions/push_rule.yaml}.
     *
     * @param isDefault whether it is a server-default rule
     * @param actions the JSON array of actions
     * @param conditions the JSON array of conditions, for override and underride rules only
     * @param pattern for content rules only
     */
    public record Rule(String ruleId, @JsonProperty("default") boolean isDefault, boolean enabled, JsonNode actions,
                       JsonNode conditions, String pattern) {
    }
}
