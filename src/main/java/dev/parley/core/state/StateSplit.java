package dev.parley.core.state;

import dev.parley.core.auth.StateKey;
import dev.parley.core.id.EventId;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * State resolution v2, "Unconflicted state map and conflicted state set": a key present in every
 * state with the same value belongs to the unconflicted state map; every other value belongs to
 * the conflicted state set. {@code conflictedKeys} are the keys of those values.
 */
record StateSplit(Map<StateKey, EventId> unconflicted, Set<EventId> conflicted, Set<StateKey> conflictedKeys) {

    static StateSplit of(List<StateMap> states) {
        StateMap first = states.getFirst();
        Map<StateKey, EventId> unconflicted = new HashMap<>(first.size() * 2);
        Set<EventId> conflicted = new HashSet<>();
        Set<StateKey> conflictedKeys = new HashSet<>();
        for (Map.Entry<StateKey, EventId> entry : first.asMap().entrySet()) {
            StateKey key = entry.getKey();
            EventId value = entry.getValue();
            boolean same = true;
            for (int i = 1; i < states.size() && same; i++) {
                same = value.equals(states.get(i).getOrNull(key));
            }
            if (same) {
                unconflicted.put(key, value);
            } else {
                conflictedKeys.add(key);
            }
        }
        // Keys missing from the first state are conflicted wherever they appear.
        for (int i = 1; i < states.size(); i++) {
            for (StateKey key : states.get(i).asMap().keySet()) {
                if (!unconflicted.containsKey(key)) {
                    conflictedKeys.add(key);
                }
            }
        }
        for (StateKey key : conflictedKeys) {
            for (StateMap state : states) {
                EventId value = state.getOrNull(key);
                if (value != null) {
                    conflicted.add(value);
                }
            }
        }
        return new StateSplit(unconflicted, conflicted, conflictedKeys);
    }

    /** The conflicted values held by {@code state}. */
    Set<EventId> conflictedIn(StateMap state) {
        Set<EventId> values = new HashSet<>();
        for (StateKey key : conflictedKeys) {
            EventId value = state.getOrNull(key);
            if (value != null) {
                values.add(value);
            }
        }
        return values;
    }
}
