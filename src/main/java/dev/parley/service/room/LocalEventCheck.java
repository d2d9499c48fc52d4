package dev.parley.service.room;

import dev.parley.core.auth.AuthState;
import dev.parley.core.event.Pdu;

/**
 * A check on a local event beyond the authorization rules (for example that the aliases of an
 * {@code m.room.canonical_alias} event point to the room). Runs after the rules allowed the
 * event, under the room's lock, before it is persisted (an {@code m.room.create} event: before
 * its room is); it refuses by throwing a {@code MatrixException}.
 */
@FunctionalInterface
public interface LocalEventCheck {
    /** @param stateBefore the room's current state, which the event is about to change */
    void check(Pdu event, AuthState stateBefore);
}
