package dev.parley.service.push;

import dev.parley.core.error.ErrCode;
import dev.parley.core.error.MatrixException;
import dev.parley.store.UserPushRules;
import dev.parley.store.UserPushRules.Rule;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where a {@code PUT} puts a user-defined rule among the user's rules of its kind
 * ({@code setPushRule}): next more important than {@code before} if given, else next less
 * important than {@code after}; a new rule without either goes first; an updated one keeps its
 * place and its enabled state.
 */
final class UserRuleOrder {
    private UserRuleOrder() {
    }

    static UserPushRules place(UserPushRules current, Rule rule, Optional<String> before, Optional<String> after) {
        if (before.or(() -> after).filter(anchor -> anchor.startsWith(".")).isPresent()) {
            throw MatrixException.invalidParam("Rules cannot be placed relative to server-default rules");
        }
        List<Rule> ofKind = new ArrayList<>();
        List<Rule> others = new ArrayList<>();
        for (Rule r : current.rules()) {
            (r.kind().equals(rule.kind()) ? ofKind : others).add(r);
        }
        int existing = indexOf(ofKind, rule.ruleId());
        Rule placed = rule;
        if (existing >= 0) {
            placed = new Rule(rule.kind(), rule.ruleId(), rule.conditions(), rule.pattern(), rule.actions(),
                    ofKind.remove(existing).enabled());
        }
        int at;
        if (before.isPresent()) {
            at = anchorIndex(ofKind, before.get());
        } else if (after.isPresent()) {
            at = anchorIndex(ofKind, after.get()) + 1;
        } else {
            at = Math.max(existing, 0);
        }
        ofKind.add(at, placed);
        others.addAll(ofKind);
        return new UserPushRules(others, current.overrides());
    }

    private static int anchorIndex(List<Rule> ofKind, String ruleId) {
        int index = indexOf(ofKind, ruleId);
        if (index < 0) {
            // The spec's own example answers an unknown before/after with 400 M_UNKNOWN.
            throw new MatrixException(ErrCode.UNKNOWN, "before/after rule not found: " + ruleId);
        }
        return index;
    }

    static int indexOf(List<Rule> rules, String ruleId) {
        for (int i = 0; i < rules.size(); i++) {
            if (rules.get(i).ruleId().equals(ruleId)) {
                return i;
            }
        }
        return -1;
    }
}
