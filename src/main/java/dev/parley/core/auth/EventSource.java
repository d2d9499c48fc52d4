package dev.parley.core.auth;

import dev.parley.core.event.Pdu;
import dev.parley.core.id.EventId;

import java.util.Optional;

/** Looks events up by ID, and tells which were rejected (server-server "Rejection"). */
public interface EventSource {

    /** The event, if known. */
    Optional<Pdu> event(EventId id);

    /**
     * True if the event was rejected under the checks performed on receipt of a PDU. Rejected
     * events must not authorise others (auth rule 2.3) and are not used as auth events by the
     * iterative auth checks of state resolution.
     */
    boolean isRejected(EventId id);
}
