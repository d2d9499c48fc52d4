package dev.parley.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/**
 * What a user changed about their push rules.
 *
 * @param rules the user-defined rules; within one kind, most important first
 * @param overrides enabled/actions changes to server-default rules
 */
public record UserPushRules(List<Rule> rules, List<DefaultOverride> overrides) {
    public static final UserPushRules NONE = new UserPushRules(List.of(), List.of());

    public UserPushRules {
        rules = List.copyOf(rules);
        overrides = List.copyOf(overrides);
    }

    /**
     * A user-defined rule.
     *
     * @param kind the spec's rule kind ({@code override}, {@code content}, ...)
     * @param conditions the JSON array of conditions, for override and underride rules
     * @param pattern the glob pattern, for content rules
     * @param actions the JSON array of actions
     */
    public record Rule(String kind, String ruleId, Optional<JsonNode> conditions, Optional<String> pattern,
                       JsonNode actions, boolean enabled) {
    }

    /** A change to a server-default rule; an empty part keeps the default's value. */
    public record DefaultOverride(String kind, String ruleId, Optional<Boolean> enabled, Optional<JsonNode> actions) {
    }
}
