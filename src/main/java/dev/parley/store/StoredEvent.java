package dev.parley.store;

import dev.parley.core.event.Pdu;
import java.util.Optional;

/**
 * A persisted event with its positions: {@code streamOrdering} (global, for sync) and the
 * state group holding the room's state after it.
 */
public record StoredEvent(long streamOrdering, Pdu pdu, long stateGroup, Optional<String> redactedBy) {
}
