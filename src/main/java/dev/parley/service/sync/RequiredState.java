package dev.parley.service.sync;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.core.auth.StateKey;
import dev.parley.core.error.MatrixException;
import dev.parley.core.id.UserId;
import java.util.HashSet;
import java.util.Set;

/**
 * The {@code required_state} of a sliding sync room config (MSC4186): which current state to
 * send. The request lists {@code [type, state_key]} pairs, where {@code "*"} matches any type or
 * key, {@code $ME} stands for the syncing user's ID and {@code ["m.room.member", "$LAZY"]} asks
 * for lazily loaded members (those who sent the events sent). The MSC's later object form
 * ({@code include}, {@code exclude}, {@code lazy_members}) is read too.
 *
 * @param include entries; {@code null} in a field means "any"
 * @param exclude entries removed from what {@code include} matches
 */
public record RequiredState(Set<Entry> include, Set<Entry> exclude, boolean lazyMembers) {
    static final String WILDCARD = "*";
    static final String ME = "$ME";
    static final String LAZY = "$LAZY";
    public static final RequiredState NONE = new RequiredState(Set.of(), Set.of(), false);

    /** One pattern; a null field matches anything. */
    public record Entry(String type, String stateKey) {
        boolean matches(StateKey key, UserId me) {
            return (type == null || type.equals(key.type()))
                    && (stateKey == null || (ME.equals(stateKey) ? me.value() : stateKey).equals(key.stateKey()));
        }
    }

    static RequiredState parse(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return NONE;
        }
        if (node.isArray()) {
            Set<Entry> include = new HashSet<>();
            boolean lazy = false;
            for (JsonNode pair : node) {
                if (!pair.isArray() || pair.size() != 2 || !pair.get(0).isTextual() || !pair.get(1).isTextual()) {
                    throw MatrixException.badJson("required_state entries must be [type, state_key] pairs");
                }
                String type = pair.get(0).asText();
                String key = pair.get(1).asText();
                if (StateKey.MEMBER.equals(type) && LAZY.equals(key)) {
                    lazy = true;
                } else {
                    include.add(new Entry(WILDCARD.equals(type) ? null : type, WILDCARD.equals(key) ? null : key));
                }
            }
            return new RequiredState(Set.copyOf(include), Set.of(), lazy);
        }
        if (node.isObject()) {
            return new RequiredState(entries(node.get("include")), entries(node.get("exclude")),
                    node.path("lazy_members").asBoolean(false));
        }
        throw MatrixException.badJson("required_state must be a list or an object");
    }

    private static Set<Entry> entries(JsonNode list) {
        if (list == null || list.isNull()) {
            return Set.of();
        }
        if (!list.isArray()) {
            throw MatrixException.badJson("required_state include and exclude must be lists");
        }
        Set<Entry> out = new HashSet<>();
        for (JsonNode entry : list) {
            if (!entry.isObject()) {
                throw MatrixException.badJson("required_state entries must be objects");
            }
            out.add(new Entry(entry.hasNonNull("type") ? entry.get("type").asText() : null,
                    entry.hasNonNull("state_key") ? entry.get("state_key").asText() : null));
        }
        return Set.copyOf(out);
    }

    /** Whether this piece of state is asked for (lazily loaded members aside). */
    boolean wants(StateKey key, UserId me) {
        return include.stream().anyMatch(e -> e.matches(key, me)) && exclude.stream().noneMatch(e -> e.matches(key, me));
    }

    /** The superset of two configs, as when a room matches several lists (MSC4186, "Combining room configs"). */
    RequiredState union(RequiredState other) {
        if (other.equals(NONE) || equals(other)) {
            return this;
        }
        if (equals(NONE)) {
            return other;
        }
        Set<Entry> in = new HashSet<>(include);
        in.addAll(other.include);
        // An exclusion survives only where both configs exclude it; anything else one of them would send.
        Set<Entry> out = new HashSet<>(exclude);
        out.retainAll(other.exclude);
        return new RequiredState(Set.copyOf(in), Set.copyOf(out), lazyMembers || other.lazyMembers);
    }

    /** Whether {@code before} asked for no more than this (so nothing new needs sending). */
    boolean coveredBy(RequiredState before) {
        return before.include.containsAll(include) && exclude.containsAll(before.exclude)
                && (before.lazyMembers || !lazyMembers);
    }
}
