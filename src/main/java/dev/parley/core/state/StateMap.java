package dev.parley.core.state;

import dev.parley.core.auth.StateKey;
import dev.parley.core.event.Pdu;
import dev.parley.core.id.EventId;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Room state: a map from {@code (event_type, state_key)} to the ID of the state event holding
 * that key. Immutable; build a changed copy with {@link #toBuilder()}.
 */
public final class StateMap {
    private static final StateMap EMPTY = new StateMap(Map.of());

    private final Map<StateKey, EventId> entries;

    private StateMap(Map<StateKey, EventId> entries) {
        this.entries = entries;
    }

    public static StateMap empty() {
        return EMPTY;
    }

    /** A state map holding a copy of {@code entries}. */
    public static StateMap of(Map<StateKey, EventId> entries) {
        return new StateMap(Collections.unmodifiableMap(new HashMap<>(entries)));
    }

    /** A state map over {@code entries}, which the caller hands over and must not touch again. */
    static StateMap adopt(Map<StateKey, EventId> entries) {
        return new StateMap(Collections.unmodifiableMap(entries));
    }

    public Optional<EventId> get(StateKey key) {
        return Optional.ofNullable(entries.get(key));
    }

    public Optional<EventId> get(String type, String stateKey) {
        return get(new StateKey(type, stateKey));
    }

    /** The entry or null; for hot loops. */
    EventId getOrNull(StateKey key) {
        return entries.get(key);
    }

    public boolean containsKey(StateKey key) {
        return entries.containsKey(key);
    }

    public int size() {
        return entries.size();
    }

    /** A read-only view of the entries. */
    public Map<StateKey, EventId> asMap() {
        return entries;
    }

    public Builder toBuilder() {
        return new Builder(new HashMap<>(entries));
    }

    public static Builder builder() {
        return new Builder(new HashMap<>());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StateMap other && entries.equals(other.entries);
    }

    @Override
    public int hashCode() {
        return entries.hashCode();
    }

    @Override
    public String toString() {
        return "StateMap" + entries;
    }

    /** A mutable state map; {@link #build()} hands its entries over, after which it is spent. */
    public static final class Builder {
        private Map<StateKey, EventId> entries;

        private Builder(Map<StateKey, EventId> entries) {
            this.entries = entries;
        }

        public Builder put(StateKey key, EventId id) {
            entries.put(key, id);
            return this;
        }

        /** Records a state event under its own key. */
        public Builder put(Pdu stateEvent) {
            return put(StateKey.of(stateEvent), stateEvent.eventId());
        }

        public Builder remove(StateKey key) {
            entries.remove(key);
            return this;
        }

        public EventId get(StateKey key) {
            return entries.get(key);
        }

        public StateMap build() {
            StateMap map = new StateMap(Collections.unmodifiableMap(entries));
            entries = null;
            return map;
        }
    }
}
