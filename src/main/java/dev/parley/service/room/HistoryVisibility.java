package dev.parley.service.room;

import dev.parley.core.auth.StateKey;
import dev.parley.core.id.EventId;
import dev.parley.core.id.UserId;
import dev.parley.store.RoomStore;
import dev.parley.store.StoredEvent;
import java.util.Map;
import java.util.Optional;

/**
 * Whether a user may see an event (Client-Server API, "History visibility"), from the state at
 * the event and the user's current membership:
 * world_readable — anyone; the user joined at the event — yes; shared — current members;
 * invited — users invited (or joined) at the event; joined — users joined at the event. Users
 * who forgot the room see only what is world-readable.
 */
public final class HistoryVisibility {
    private final RoomStore store;
    private final StateGroups stateGroups;
    private final ForgottenRooms forgotten;

    public HistoryVisibility(RoomStore store, StateGroups stateGroups, ForgottenRooms forgotten) {
        this.store = store;
        this.stateGroups = stateGroups;
        this.forgotten = forgotten;
    }

    public boolean canSee(UserId viewer, StoredEvent event) {
        Map<StateKey, EventId> state = stateGroups.get(event.stateGroup());
        String visibility = content(state.get(new StateKey("m.room.history_visibility", "")), "history_visibility")
                .orElse("shared");
        if ("world_readable".equals(visibility)) {
            return true;
        }
        if (forgotten.isForgotten(viewer, event.pdu().roomId())) {
            // "Leaving rooms": once forgotten, a room's history is no longer retrievable.
            return false;
        }
        String membershipAtEvent = content(state.get(StateKey.member(viewer)), "membership").orElse("leave");
        if ("join".equals(membershipAtEvent)) {
            return true;
        }
        if ("shared".equals(visibility)) {
            return "join".equals(currentMembership(viewer, event).orElse("leave"));
        }
        return "invited".equals(visibility) && "invite".equals(membershipAtEvent);
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
