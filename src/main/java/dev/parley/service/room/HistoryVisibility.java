package dev.parley.service.room;

import dev.parley.core.auth.StateKey;
import dev.parley.core.id.EventId;
import dev.parley.core.id.UserId;
import dev.parley.store.RoomStore;
import dev.parley.store.StoredEvent;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether a user may see an event (Client-Server API, "History visibility"), from the state at
 * the event (the state before it) and the user's current membership:
 * world_readable — anyone; the user was joined — yes; shared — current members; invited —
 * users who were invited. A history_visibility event, and a user's own membership event, are
 * visible if the state before or after it allows. Users who forgot the room see only what is
 * world-readable.
 */
public final class HistoryVisibility {
    private static final StateKey HISTORY_VISIBILITY = new StateKey("m.room.history_visibility", "");

    private final RoomStore store;
    private final StateGroups stateGroups;
    private final ForgottenRooms forgotten;

    public HistoryVisibility(RoomStore store, StateGroups stateGroups, ForgottenRooms forgotten) {
        this.store = store;
        this.stateGroups = stateGroups;
        this.forgotten = forgotten;
    }

    public boolean canSee(UserId viewer, StoredEvent event) {
        Map<StateKey, EventId> after = stateGroups.get(event.stateGroup());
        Map<StateKey, EventId> before = event.pdu().isState() ? stateBefore(event) : after;
        if (allows(viewer, event, before)) {
            return true;
        }
        boolean ownMembership = StateKey.MEMBER.equals(event.pdu().type()) && viewer.value().equals(event.pdu().stateKey());
        boolean visibilityChange = HISTORY_VISIBILITY.type().equals(event.pdu().type()) && "".equals(event.pdu().stateKey());
        return (ownMembership || visibilityChange) && allows(viewer, event, after);
    }

    private boolean allows(UserId viewer, StoredEvent event, Map<StateKey, EventId> state) {
        String visibility = content(state.get(HISTORY_VISIBILITY), "history_visibility").orElse("shared");
        if ("world_readable".equals(visibility)) {
            return true;
        }
        if (forgotten.isForgotten(viewer, event.pdu().roomId())) {
            // "Leaving rooms": once forgotten, a room's history is no longer retrievable.
            return false;
        }
        String membership = content(state.get(StateKey.member(viewer)), "membership").orElse("leave");
        if ("join".equals(membership)) {
            return true;
        }
        if ("shared".equals(visibility)) {
            return "join".equals(currentMembership(viewer, event).orElse("leave"));
        }
        return "invited".equals(visibility) && "invite".equals(membership);
    }

    /** The state before a state event: the state after its (first) previous event. */
    private Map<StateKey, EventId> stateBefore(StoredEvent event) {
        return event.pdu().prevEvents().stream().findFirst().flatMap(store::event)
                .filter(prev -> Objects.equals(prev.pdu().roomId(), event.pdu().roomId()))
                .map(prev -> stateGroups.get(prev.stateGroup())).orElse(Map.of());
    }

    private Optional<String> currentMembership(UserId viewer, StoredEvent event) {
        return store.currentStateEvent(event.pdu().roomId(), StateKey.member(viewer))
                .flatMap(id -> content(id, "membership"));
    }

    private Optional<String> content(EventId id, String field) {
        if (id == null) {
            return Optional.empty();
        }
        return store.event(id).map(e -> e.pdu().content().path(field).asText(null));
    }
}
