package dev.parley.core.state;

import dev.parley.core.auth.StateKey;
import dev.parley.core.id.EventId;

import java.util.HashMap;
import java.util.Map;

/**
 * The "partially resolved state" the iterative auth checks build: the events they applied, over
 * the state they started from (the unconflicted state map in v2, nothing in v2.1). The starting
 * state is read through, not copied.
 */
final class PartialState {
    private final StateSplit start;
    private final Map<StateKey, EventId> applied = new HashMap<>();

    private PartialState(StateSplit start) {
        this.start = start;
    }

    /** Starting from the unconflicted state map (v2). */
    static PartialState fromUnconflicted(StateSplit split) {
        return new PartialState(split);
    }

    /** Starting from an empty state map (v2.1, room version 12). */
    static PartialState empty() {
        return new PartialState(null);
    }

    EventId get(StateKey key) {
        EventId value = applied.get(key);
        return value == null && start != null ? start.unconflicted(key) : value;
    }

    void put(StateKey key, EventId id) {
        applied.put(key, id);
    }

    /** The events applied on top of the starting state. */
    Map<StateKey, EventId> applied() {
        return applied;
    }
}
