package dev.parley.core.state;

import dev.parley.core.auth.StateKey;
import dev.parley.core.id.EventId;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * State resolution v2, "Unconflicted state map and conflicted state set": a key present in every
 * state with the same value belongs to the unconflicted state map; every other value belongs to
 * the conflicted state set. {@code conflictedKeys} are the keys of those values.
 *
 * <p>The unconflicted state map is not copied out: it is the first state without the conflicted
 * keys, which in a large room is almost all of it.
 */
record StateSplit(StateMap first, Set<EventId> conflicted, Set<StateKey> conflictedKeys) {

    static StateSplit of(List<StateMap> states) {
        StateMap first = states.getFirst();
        Set<StateKey> conflictedKeys = new HashSet<>();
        int[] sharedWithFirst = new int[states.size()];
        for (Map.Entry<StateKey, EventId> entry : first.asMap().entrySet()) {
            boolean same = true;
            for (int i = 1; i < states.size(); i++) {
                EventId other = states.get(i).getOrNull(entry.getKey());
                if (other != null) {
                    sharedWithFirst[i]++;
                }
                same &= entry.getValue().equals(other);
            }
            if (!same) {
                conflictedKeys.add(entry.getKey());
            }
        }
        // Keys missing from the first state are conflicted wherever they appear; a state that has
        // no key beyond those it shares with the first need not be scanned for them.
        for (int i = 1; i < states.size(); i++) {
            if (states.get(i).size() > sharedWithFirst[i]) {
                for (StateKey key : states.get(i).asMap().keySet()) {
                    if (!first.containsKey(key)) {
                        conflictedKeys.add(key);
                    }
                }
            }
        }
        Set<EventId> conflicted = new HashSet<>();
        for (StateKey key : conflictedKeys) {
            for (StateMap state : states) {
                EventId value = state.getOrNull(key);
                if (value != null) {
                    conflicted.add(value);
                }
            }
        }
        return new StateSplit(first, conflicted, conflictedKeys);
    }

    /** The unconflicted value at {@code key}, or null. */
    EventId unconflicted(StateKey key) {
        return conflictedKeys.contains(key) ? null : first.getOrNull(key);
    }

    boolean isUnconflicted(StateKey key) {
        return !conflictedKeys.contains(key) && first.containsKey(key);
    }

    /** Visits the event IDs of the unconflicted state map. */
    void forEachUnconflicted(Consumer<EventId> visitor) {
        for (Map.Entry<StateKey, EventId> entry : first.asMap().entrySet()) {
            if (!conflictedKeys.contains(entry.getKey())) {
                visitor.accept(entry.getValue());
            }
        }
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
