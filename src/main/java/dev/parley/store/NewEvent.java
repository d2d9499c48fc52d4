package dev.parley.store;

import dev.parley.core.event.Pdu;
import dev.parley.core.id.EventId;
import java.util.Optional;

/**
 * An event to persist, already authorised.
 *
 * @param stateGroupBefore the group of the room's state before the event (none for a create event)
 * @param newStateGroup the id to give the state after a state event; empty for other events
 * @param replacesState for a state event, the event at its {@code (type, state_key)} in the state
 *     before it (see {@link StoredEvent#replacesState}); empty otherwise
 * @param transaction the sending device's transaction, for idempotent sends
 */
public record NewEvent(long streamOrdering, Pdu pdu, Optional<Long> stateGroupBefore, Optional<Long> newStateGroup,
                       Optional<EventId> replacesState, Optional<Transaction> transaction) {
    public NewEvent {
        if (replacesState.isPresent() && !pdu.isState()) {
            throw new IllegalArgumentException("only a state event replaces state");
        }
    }

    /** A client's {@code PUT .../send/{type}/{txnId}}, scoped to its device. */
    public record Transaction(String userId, String deviceId, String txnId, long ts) {
    }

    /** The state group after the event. */
    public long stateGroupAfter() {
        return newStateGroup.or(() -> stateGroupBefore)
                .orElseThrow(() -> new IllegalArgumentException("an event needs a state group"));
    }

    /** The event as reading it back once it is stored will give it (not redacted). */
    public StoredEvent stored() {
        return new StoredEvent(streamOrdering, pdu, stateGroupAfter(), Optional.empty(), replacesState);
    }
}
