package dev.parley.store.jdbc;

import dev.parley.core.id.UserId;
import dev.parley.store.PushRuleStore;
import dev.parley.store.UserPushRules;
import dev.parley.store.UserPushRules.DefaultOverride;
import dev.parley.store.UserPushRules.Rule;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A user's push rule changes are few (tens of rules), so a change rewrites them all: ordering
 * then needs no renumbering scheme, and the transaction sees one consistent list.
 */
public final class JdbcPushRuleStore implements PushRuleStore {
    private final Database db;
    private final AccountDataStream stream;

    /** @param stream the database's account data stream, shared with {@link JdbcAccountDataStore} */
    public JdbcPushRuleStore(Database db, AccountDataStream stream) {
        this.db = db;
        this.stream = stream;
    }

    @Override
    public UserPushRules load(UserId user) {
        return db.read(c -> load(c, user));
    }

    @Override
    public UserPushRules modify(UserId user, UnaryOperator<UserPushRules> change) {
        long[] taken = new long[1];
        UserPushRules written = db.write(c -> {
            UserRowLock.lock(c, db.dialect(), user);
            UserPushRules next = change.apply(load(c, user));
            Sql.update(c, "DELETE FROM push_rules WHERE user_id = ?", user.value());
            Sql.update(c, "DELETE FROM push_rule_overrides WHERE user_id = ?", user.value());
            Map<String, Integer> positions = new HashMap<>();
            for (Rule rule : next.rules()) {
                int position = positions.merge(rule.kind(), 1, Integer::sum) - 1;
                Sql.update(c, """
                        INSERT INTO push_rules (user_id, kind, rule_id, position, conditions, pattern, actions, enabled)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
                        user.value(), rule.kind(), rule.ruleId(), position,
                        rule.conditions().map(JsonColumns::write), rule.pattern(),
                        JsonColumns.write(rule.actions()), rule.enabled());
            }
            for (DefaultOverride o : next.overrides()) {
                Sql.update(c, """
                        INSERT INTO push_rule_overrides (user_id, kind, rule_id, enabled, actions) VALUES (?, ?, ?, ?, ?)""",
                        user.value(), o.kind(), o.ruleId(), o.enabled(), o.actions().map(JsonColumns::write));
            }
            long position = AccountDataStream.advance(c, user);
            Sql.update(c, """
                    INSERT INTO push_rules_positions (user_id, stream_pos) VALUES (?, ?)
                    ON CONFLICT (user_id) DO UPDATE SET stream_pos = excluded.stream_pos""", user.value(), position);
            taken[0] = position;
            return next;
        });
        stream.committed(user, taken[0]);
        return written;
    }

    @Override
    public long position(UserId user) {
        return db.read(c -> Sql.count(c, "SELECT stream_pos FROM push_rules_positions WHERE user_id = ?", user.value()));
    }

    private static UserPushRules load(Connection c, UserId user) throws SQLException {
        List<Rule> rules = Sql.list(c, """
                SELECT kind, rule_id, conditions, pattern, actions, enabled FROM push_rules
                WHERE user_id = ? ORDER BY kind, position""", JdbcPushRuleStore::rule, user.value());
        List<DefaultOverride> overrides = Sql.list(c, """
                SELECT kind, rule_id, enabled, actions FROM push_rule_overrides
                WHERE user_id = ? ORDER BY kind, rule_id""", JdbcPushRuleStore::override, user.value());
        return new UserPushRules(rules, overrides);
    }

    private static Rule rule(ResultSet rs) throws SQLException {
        return new Rule(rs.getString("kind"), rs.getString("rule_id"),
                Optional.ofNullable(rs.getString("conditions")).map(JsonColumns::read),
                Optional.ofNullable(rs.getString("pattern")), JsonColumns.read(rs.getString("actions")),
                rs.getBoolean("enabled"));
    }

    private static DefaultOverride override(ResultSet rs) throws SQLException {
        boolean enabled = rs.getBoolean("enabled");
        Optional<Boolean> maybeEnabled = rs.wasNull() ? Optional.empty() : Optional.of(enabled);
        return new DefaultOverride(rs.getString("kind"), rs.getString("rule_id"), maybeEnabled,
                Optional.ofNullable(rs.getString("actions")).map(JsonColumns::read));
    }
}
