package dev.parley.core.auth;

import dev.parley.core.event.Pdu;
import dev.parley.core.id.EventId;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * An event's {@code auth_events} viewed as room state: check 4 on receipt of a PDU ("Passes
 * authorization rules based on the event's auth events"). From v12 the create event is never
 * listed, so it is added from the room ID it names.
 */
public final class AuthEventsState implements AuthState {
    private final Map<StateKey, Pdu> byKey;

    private AuthEventsState(Map<StateKey, Pdu> byKey) {
        this.byKey = byKey;
    }

    /**
     * The auth events of {@code event} known to {@code events}, by state key. With
     * {@code skipRejected}, rejected auth events are left out (as the iterative auth checks of
     * state resolution require).
     */
    public static AuthEventsState of(Pdu event, EventSource events, boolean skipRejected) {
        Map<StateKey, Pdu> byKey = new HashMap<>(8);
        for (EventId id : event.authEvents()) {
            if (skipRejected && events.isRejected(id)) {
                continue;
            }
            events.event(id).filter(Pdu::isState).ifPresent(e -> byKey.putIfAbsent(StateKey.of(e), e));
        }
        if (event.roomVersion().roomIdFromCreateEvent() && !byKey.containsKey(StateKey.CREATE_KEY)) {
            event.roomId().createEventId()
                    .filter(id -> !(skipRejected && events.isRejected(id)))
                    .flatMap(events::event)
                    .ifPresent(create -> byKey.put(StateKey.CREATE_KEY, create));
        }
        return new AuthEventsState(byKey);
    }

    @Override
    public Optional<Pdu> get(StateKey key) {
        return Optional.ofNullable(byKey.get(key));
    }
}
