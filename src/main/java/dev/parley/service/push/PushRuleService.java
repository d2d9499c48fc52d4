package dev.parley.service.push;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.api.client.GetPushRules;
import dev.parley.api.client.PushRuleset;
import dev.parley.api.client.SetPushRule;
import dev.parley.core.error.MatrixException;
import dev.parley.core.id.UserId;
import dev.parley.core.json.Json;
import dev.parley.store.PushRuleStore;
import dev.parley.store.UserPushRules;
import dev.parley.store.UserPushRules.DefaultOverride;
import dev.parley.store.UserPushRules.Rule;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A user's push rules: the server-default rules merged with the user's own changes (Client-Server
 * API, "Push Rules: API"). Only the changes are stored, so the defaults can evolve with the spec.
 * Evaluating rules against events comes with push notifications.
 */
public final class PushRuleService {
    /** The account data type clients receive push rules as ("Push Rules: Events"). */
    public static final String ACCOUNT_DATA_TYPE = "m.push_rules";
    /** "Unlike other server-default rules, this one has always a higher priority than other rules, even user defined ones." */
    private static final String MASTER_RULE = ".m.rule.master";

    private final PushRuleStore store;
    private final DefaultPushRules defaults = DefaultPushRules.fromSpec();

    public PushRuleService(PushRuleStore store) {
        this.store = store;
    }

    /** The user's global ruleset: for each kind, the rules from most to least important. */
    public PushRuleset ruleset(UserId user) {
        UserPushRules changes = store.load(user);
        Map<PushRuleKind, List<PushRuleset.Rule>> defaultRules = defaults.forUser(user);
        Map<PushRuleKind, List<PushRuleset.Rule>> merged = new EnumMap<>(PushRuleKind.class);
        for (PushRuleKind kind : PushRuleKind.values()) {
            List<PushRuleset.Rule> first = new ArrayList<>();
            List<PushRuleset.Rule> last = new ArrayList<>();
            for (PushRuleset.Rule rule : defaultRules.get(kind)) {
                PushRuleset.Rule changed = withOverride(rule, kind, changes.overrides());
                (rule.ruleId().equals(MASTER_RULE) ? first : last).add(changed);
            }
            // User-defined rules rank above the server-default ones, the master rule excepted.
            for (Rule rule : changes.rules()) {
                if (rule.kind().equals(kind.wireName())) {
                    first.add(toWire(kind, rule));
                }
            }
            first.addAll(last);
            merged.put(kind, List.copyOf(first));
        }
        return new PushRuleset(merged.get(PushRuleKind.OVERRIDE), merged.get(PushRuleKind.CONTENT),
                merged.get(PushRuleKind.ROOM), merged.get(PushRuleKind.SENDER), merged.get(PushRuleKind.UNDERRIDE));
    }

    /** The content of the user's {@code m.push_rules} account data: {@code {"global": ruleset}}. */
    public ObjectNode accountDataContent(UserId user) {
        return Json.MAPPER.valueToTree(new GetPushRules.Response(ruleset(user)));
    }

    /** @throws MatrixException {@code M_NOT_FOUND} when the user has no such rule */
    public PushRuleset.Rule rule(UserId user, PushRuleKind kind, String ruleId) {
        PushRuleset set = ruleset(user);
        List<PushRuleset.Rule> ofKind = switch (kind) {
            case OVERRIDE -> set.override();
            case CONTENT -> set.content();
            case ROOM -> set.room();
            case SENDER -> set.sender();
            case UNDERRIDE -> set.underride();
        };
        return ofKind.stream().filter(r -> r.ruleId().equals(ruleId)).findFirst()
                .orElseThrow(() -> MatrixException.notFound("The push rule was not found."));
    }

    /** Creates or replaces a user-defined rule; server-default rule IDs are refused. */
    public void put(UserId user, PushRuleKind kind, String ruleId, SetPushRule.Request body,
                    Optional<String> before, Optional<String> after) {
        Rule rule = PushRuleInput.rule(kind, ruleId, body);
        store.modify(user, current -> UserRuleOrder.place(current, rule, before, after));
    }

    /** Deletes a user-defined rule; server-default rules cannot be deleted, only disabled. */
    public void delete(UserId user, PushRuleKind kind, String ruleId) {
        if (defaults.isDefault(kind, ruleId)) {
            throw MatrixException.invalidParam("Server-default push rules cannot be deleted");
        }
        modifyUserRule(user, kind, ruleId, rules -> {
            rules.remove(UserRuleOrder.indexOf(rules, ruleId));
            return rules;
        });
    }

    public void setEnabled(UserId user, PushRuleKind kind, String ruleId, boolean enabled) {
        if (defaults.isDefault(kind, ruleId)) {
            overrideDefault(user, kind, ruleId, old -> new DefaultOverride(old.kind(), old.ruleId(),
                    Optional.of(enabled), old.actions()));
            return;
        }
        modifyUserRule(user, kind, ruleId, rules -> {
            int i = UserRuleOrder.indexOf(rules, ruleId);
            Rule r = rules.get(i);
            rules.set(i, new Rule(r.kind(), r.ruleId(), r.conditions(), r.pattern(), r.actions(), enabled));
            return rules;
        });
    }

    /** Sets a rule's actions; this is how clients change what server-default rules do. */
    public void setActions(UserId user, PushRuleKind kind, String ruleId, List<JsonNode> actions) {
        ArrayNode checked = PushRuleInput.actions(actions);
        if (defaults.isDefault(kind, ruleId)) {
            overrideDefault(user, kind, ruleId, old -> new DefaultOverride(old.kind(), old.ruleId(),
                    old.enabled(), Optional.of(checked)));
            return;
        }
        modifyUserRule(user, kind, ruleId, rules -> {
            int i = UserRuleOrder.indexOf(rules, ruleId);
            Rule r = rules.get(i);
            rules.set(i, new Rule(r.kind(), r.ruleId(), r.conditions(), r.pattern(), checked, r.enabled()));
            return rules;
        });
    }

    /** The account data stream position of the user's latest push rule change; 0 if none. */
    public long position(UserId user) {
        return store.position(user);
    }

    private void overrideDefault(UserId user, PushRuleKind kind, String ruleId, UnaryOperator<DefaultOverride> change) {
        store.modify(user, current -> {
            List<DefaultOverride> overrides = new ArrayList<>();
            DefaultOverride old = new DefaultOverride(kind.wireName(), ruleId, Optional.empty(), Optional.empty());
            for (DefaultOverride o : current.overrides()) {
                if (o.kind().equals(kind.wireName()) && o.ruleId().equals(ruleId)) {
                    old = o;
                } else {
                    overrides.add(o);
                }
            }
            overrides.add(change.apply(old));
            return new UserPushRules(current.rules(), overrides);
        });
    }

    /** Applies {@code change} to the user's rules of one kind, which must include {@code ruleId}. */
    private void modifyUserRule(UserId user, PushRuleKind kind, String ruleId, UnaryOperator<List<Rule>> change) {
        store.modify(user, current -> {
            List<Rule> ofKind = new ArrayList<>();
            List<Rule> others = new ArrayList<>();
            for (Rule r : current.rules()) {
                (r.kind().equals(kind.wireName()) ? ofKind : others).add(r);
            }
            if (UserRuleOrder.indexOf(ofKind, ruleId) < 0) {
                throw MatrixException.notFound("The push rule was not found.");
            }
            others.addAll(change.apply(ofKind));
            return new UserPushRules(others, current.overrides());
        });
    }

    private static PushRuleset.Rule withOverride(PushRuleset.Rule rule, PushRuleKind kind, List<DefaultOverride> overrides) {
        for (DefaultOverride o : overrides) {
            if (o.kind().equals(kind.wireName()) && o.ruleId().equals(rule.ruleId())) {
                return new PushRuleset.Rule(rule.ruleId(), true, o.enabled().orElse(rule.enabled()),
                        o.actions().orElse(rule.actions()), rule.conditions(), rule.pattern());
            }
        }
        return rule;
    }

    private static PushRuleset.Rule toWire(PushRuleKind kind, Rule rule) {
        JsonNode conditions = kind.hasConditions()
                ? rule.conditions().orElseGet(Json.MAPPER::createArrayNode) : null;
        return new PushRuleset.Rule(rule.ruleId(), false, rule.enabled(), rule.actions(), conditions,
                rule.pattern().orElse(null));
    }
}
