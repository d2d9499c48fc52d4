package dev.parley.store.jdbc;

import dev.parley.core.auth.StateKey;
import dev.parley.core.id.EventId;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads state groups: each is a delta on its parent, down to a full snapshot at the root of its
 * chain, so a group's state is the root's entries with every delta after it applied in order.
 */
final class StateGroupChains {
    private static final int IDS_PER_QUERY = 500;

    private StateGroupChains() {
    }

    /** Applies the deltas from the chain's full snapshot down to {@code groupId}. */
    static Map<StateKey, EventId> resolve(Connection c, long groupId) throws SQLException {
        Deque<Long> chain = new ArrayDeque<>();
        Optional<Long> next = Optional.of(groupId);
        while (next.isPresent()) {
            chain.push(next.get());
            next = Sql.one(c, "SELECT parent_id FROM state_groups WHERE id = ?", rs -> {
                long parent = rs.getLong(1);
                return rs.wasNull() ? null : parent;
            }, next.get());
        }
        Map<StateKey, EventId> state = new HashMap<>();
        for (long group : chain) {
            for (String[] row : Sql.list(c, "SELECT type, state_key, event_id FROM state_group_entries WHERE group_id = ?",
                    rs -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)}, group)) {
                state.put(new StateKey(row[0], row[1]), EventId.parse(row[2]));
            }
        }
        return state;
    }

    /** Many groups at once: every chain walked one level per query, then all their entries read together. */
    static Map<Long, Map<StateKey, EventId>> resolveAll(Connection c, Collection<Long> groupIds) throws SQLException {
        Map<Long, Long> parents = new HashMap<>();
        List<Long> frontier = List.copyOf(new HashSet<>(groupIds));
        while (!frontier.isEmpty()) {
            List<Long> next = new ArrayList<>();
            for (List<Long> chunk : chunks(frontier)) {
                Sql.list(c, "SELECT id, parent_id FROM state_groups WHERE id IN (" + marks(chunk.size()) + ")", rs -> {
                    long parent = rs.getLong(2);
                    boolean root = rs.wasNull();
                    parents.put(rs.getLong(1), root ? null : parent);
                    if (!root && !parents.containsKey(parent)) {
                        next.add(parent);
                    }
                    return null;
                }, chunk.toArray());
            }
            frontier = next.stream().distinct().filter(g -> !parents.containsKey(g)).toList();
        }
        Map<Long, Map<StateKey, EventId>> entries = new HashMap<>();
        for (List<Long> chunk : chunks(List.copyOf(parents.keySet()))) {
            Sql.list(c, "SELECT group_id, type, state_key, event_id FROM state_group_entries WHERE group_id IN ("
                    + marks(chunk.size()) + ")", rs -> entries.computeIfAbsent(rs.getLong(1), g -> new HashMap<>())
                    .put(new StateKey(rs.getString(2), rs.getString(3)), EventId.parse(rs.getString(4))), chunk.toArray());
        }
        Map<Long, Map<StateKey, EventId>> out = new HashMap<>();
        for (long group : groupIds) {
            Deque<Long> chain = new ArrayDeque<>();
            for (Long g = group; g != null && parents.containsKey(g); g = parents.get(g)) {
                chain.push(g);
            }
            Map<StateKey, EventId> state = new HashMap<>();
            chain.forEach(g -> state.putAll(entries.getOrDefault(g, Map.of())));
            out.put(group, state);
        }
        return out;
    }

    private static List<List<Long>> chunks(List<Long> all) {
        List<List<Long>> out = new ArrayList<>();
        for (int from = 0; from < all.size(); from += IDS_PER_QUERY) {
            out.add(all.subList(from, Math.min(all.size(), from + IDS_PER_QUERY)));
        }
        return out;
    }

    private static String marks(int n) {
        return String.join(",", Collections.nCopies(n, "?"));
    }
}
