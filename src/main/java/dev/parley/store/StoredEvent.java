package dev.parley.store;

import dev.parley.core.event.Pdu;
import dev.parley.core.id.EventId;
import java.util.Optional;

/**
 * A persisted event with its positions: {@code streamOrdering} (global, for sync) and the
 * state group holding the room's state after it.
 *
 * @param replacesState for a state event, the event at the same {@code (type, state_key)} in the
 *     room's state before it; empty for the first state at that key and for other events
 */
public record StoredEvent(long streamOrdering, Pdu pdu, long stateGroup, Optional<String> redactedBy,
                          Optional<EventId> replacesState) {
}
