package dev.parley.core.auth;

import dev.parley.core.event.Pdu;

import java.util.Optional;

/**
 * The room state the authorization rules read: the state before an event, the current state,
 * or an event's own {@code auth_events} viewed as state.
 */
@FunctionalInterface
public interface AuthState {

    /** The state event at {@code key}, if any. */
    Optional<Pdu> get(StateKey key);
}
