package dev.parley.core.auth;

import dev.parley.core.event.Pdu;
import dev.parley.core.id.EventId;
import dev.parley.core.room.RoomVersion;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static dev.parley.core.auth.RuleNumbers.rule;

/**
 * The rules about an event's {@code auth_events} themselves, which do not depend on room state:
 * v12's rule 2 (the room ID names an accepted create event) and "Considering the event's
 * auth_events" (rule 2; v12 rule 3).
 */
final class AuthEventsRules {

    private AuthEventsRules() {
    }

    /** A rejection, or null if the event's auth events pass. */
    static AuthDecision check(Pdu event, EventSource events, RoomVersion version, RuleNumbers numbers) {
        if (version.roomIdFromCreateEvent()) {
            AuthDecision roomId = checkRoomIdNamesCreate(event, events, numbers);
            if (roomId != null) {
                return roomId;
            }
        }
        int n = numbers.authEvents();
        List<Pdu> authEvents = new ArrayList<>(event.authEvents().size());
        for (EventId id : event.authEvents()) {
            Optional<Pdu> authEvent = events.event(id);
            if (authEvent.isEmpty()) {
                return AuthDecision.reject(rule(n), "auth event " + id + " is unknown");
            }
            authEvents.add(authEvent.get());
        }
        // 2.1 "If there are duplicate entries for a given type and state_key pair, reject."
        Set<StateKey> seen = new HashSet<>();
        for (Pdu authEvent : authEvents) {
            if (authEvent.isState() && !seen.add(StateKey.of(authEvent))) {
                return AuthDecision.reject(rule(n, 1), "two auth events for " + StateKey.of(authEvent));
            }
        }
        // 2.2 "If there are entries whose type and state_key don't match those specified by the
        // auth events selection algorithm described in the server specification, reject."
        List<StateKey> selected = AuthEventSelection.keys(event);
        for (Pdu authEvent : authEvents) {
            if (!authEvent.isState() || !selected.contains(StateKey.of(authEvent))) {
                return AuthDecision.reject(rule(n, 2), authEvent.eventId() + " is not selected for this event");
            }
        }
        // 2.3 "If there are entries which were themselves rejected under the checks performed
        // on receipt of a PDU, reject."
        for (Pdu authEvent : authEvents) {
            if (events.isRejected(authEvent.eventId())) {
                return AuthDecision.reject(rule(n, 3), "auth event " + authEvent.eventId() + " was rejected");
            }
        }
        int roomIdRule = 4;
        if (!version.roomIdFromCreateEvent()) {
            // 2.4 "If there is no m.room.create event among the entries, reject."
            if (!seen.contains(StateKey.CREATE_KEY)) {
                return AuthDecision.reject(rule(n, 4), "no m.room.create among the auth events");
            }
            roomIdRule = 5;
        }
        // 2.5 (v12 3.4) "If any event in auth_events has a room_id which does not match that of
        // the event being authorised, reject."
        for (Pdu authEvent : authEvents) {
            if (!authEvent.roomId().equals(event.roomId())) {
                return AuthDecision.reject(rule(n, roomIdRule), "auth event " + authEvent.eventId() + " is in another room");
            }
        }
        return null;
    }

    /**
     * v12 rule 2: "If the event's room_id is not an event ID for an accepted (not rejected)
     * m.room.create event, with the sigil ! instead of $, reject."
     */
    private static AuthDecision checkRoomIdNamesCreate(Pdu event, EventSource events, RuleNumbers numbers) {
        Optional<EventId> createId = event.roomId().createEventId();
        Optional<Pdu> create = createId.flatMap(events::event);
        if (create.isEmpty() || !create.get().isState(StateKey.CREATE, "")
                || events.isRejected(create.get().eventId())) {
            return AuthDecision.reject(rule(numbers.roomId()), "room ID " + event.roomId()
                    + " does not name an accepted m.room.create event");
        }
        return null;
    }
}
