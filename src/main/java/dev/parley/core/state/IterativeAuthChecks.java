package dev.parley.core.state;

import dev.parley.core.auth.AuthEventsState;
import dev.parley.core.auth.AuthState;
import dev.parley.core.auth.EventAuthorizer;
import dev.parley.core.auth.StateKey;
import dev.parley.core.event.Pdu;
import dev.parley.core.id.EventId;

import java.util.List;
import java.util.Optional;

/**
 * State resolution v2, "Iterative auth checks": apply each event of a sorted list to the room
 * state if the authorization rules allow it against that state, and ignore it otherwise. A key
 * the rules need but the state lacks is taken from the event's {@code auth_events}, unless that
 * auth event was rejected (for v12, the create event named by the room ID counts as one).
 */
final class IterativeAuthChecks {

    private IterativeAuthChecks() {
    }

    /** Applies {@code sorted} to {@code state} in place. */
    static void apply(List<EventId> sorted, PartialState state, ResolutionEvents events, EventAuthorizer authorizer) {
        for (EventId id : sorted) {
            Pdu event = events.get(id);
            if (event == null || !event.isState()) {
                continue;
            }
            AuthEventsState authEvents = AuthEventsState.of(event, events, true);
            AuthState current = key -> {
                EventId value = state.get(key);
                return value != null ? Optional.ofNullable(events.get(value)) : authEvents.get(key);
            };
            if (authorizer.authorizeByState(event, current).isAllowed()) {
                state.put(StateKey.of(event), id);
            }
        }
    }
}
