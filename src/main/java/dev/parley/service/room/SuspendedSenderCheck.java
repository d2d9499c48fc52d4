package dev.parley.service.room;

import dev.parley.core.auth.AuthState;
import dev.parley.core.auth.StateKey;
import dev.parley.core.error.MatrixException;
import dev.parley.core.event.Pdu;
import dev.parley.core.id.UserId;
import dev.parley.store.RoomStore;
import dev.parley.store.StoredEvent;
import java.util.function.Predicate;

/**
 * What a suspended account may still do in rooms (Client-Server API, "Account suspension"). Every
 * room action is a local event through the pipeline, so this one check covers {@code /send},
 * {@code /state}, {@code /redact}, {@code /createRoom}, {@code /join}, {@code /knock},
 * {@code /invite}, kicks, bans and room upgrades alike. Servers "SHOULD permit the user" to
 * "leave rooms and reject invites" and to "redact their own events"; those two are the only
 * events a suspended sender may send. Everything else is 403 {@code M_USER_SUSPENDED}, which
 * includes the recommended forbidden set: joining or knocking, accepting or sending invites,
 * sending messages, and "redacting other users' events". Moderating others (kicks, bans) and
 * changing room state are refused as well, since suspension is there "to prevent further
 * activity from that account".
 */
public final class SuspendedSenderCheck implements LocalEventCheck {
    private final Predicate<UserId> suspended;
    private final RoomStore store;

    /** @param suspended whether a local account is suspended now */
    public SuspendedSenderCheck(Predicate<UserId> suspended, RoomStore store) {
        this.suspended = suspended;
        this.store = store;
    }

    @Override
    public void check(Pdu event, AuthState stateBefore) {
        UserId sender = event.sender();
        if (!suspended.test(sender) || leavesItself(event) || redactsOwnEvent(event)) {
            return;
        }
        throw MatrixException.userSuspended();
    }

    /** {@code /leave}, or rejecting an invite (or withdrawing a knock): the sender's own {@code leave}. */
    private static boolean leavesItself(Pdu event) {
        return event.isState(StateKey.MEMBER, event.sender().value())
                && "leave".equals(event.content().path("membership").asText());
    }

    private boolean redactsOwnEvent(Pdu event) {
        if (!RedactionPolicy.REDACTION.equals(event.type()) || event.isState() || event.redacts() == null) {
            return false;
        }
        return store.event(event.redacts()).map(StoredEvent::pdu).map(Pdu::sender)
                .map(event.sender()::equals).orElse(false);
    }
}
