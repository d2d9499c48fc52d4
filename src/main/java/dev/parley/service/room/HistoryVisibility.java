package dev.parley.service.room;

import dev.parley.core.auth.StateKey;
import dev.parley.core.id.EventId;
import dev.parley.core.id.RoomId;
import dev.parley.core.id.UserId;
import dev.parley.store.RoomStore;
import dev.parley.store.StoredEvent;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Whether a user may see an event (Client-Server API, "History visibility", "Server
 * behaviour"), from the state of the room at the event:
 * <ol>
 *   <li>{@code world_readable} — allow;</li>
 *   <li>the user's membership was {@code join} — allow;</li>
 *   <li>{@code shared}, and the user joined the room at any point after the event — allow;</li>
 *   <li>the user's membership was {@code invite} and visibility {@code invited} — allow;</li>
 *   <li>otherwise deny.</li>
 * </ol>
 * An absent or unknown visibility is {@code shared}. For {@code m.room.history_visibility}
 * events, and the user's own {@code m.room.member} events, the state before <em>or</em> after the
 * event may allow it. Users who forgot the room see only what is world-readable.
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
        return viewer(viewer, event.pdu().roomId()).canSee(event);
    }

    /** The checks for one user in one room, remembering what they read (use per request). */
    public Viewer viewer(UserId user, RoomId roomId) {
        return new Viewer(user, roomId, Map.of());
    }

    /**
     * A viewer that reads the state events it needs from {@code known} when there (a batch the
     * caller loaded for many rooms at once), from the store otherwise.
     */
    public Viewer viewer(UserId user, RoomId roomId, Map<EventId, StoredEvent> known) {
        return new Viewer(user, roomId, known);
    }

    /**
     * Reads at once what viewers of {@code user} in many rooms would each read on their own
     * (whether the user forgot each room), for a batch of rooms about to be checked.
     */
    public void prepare(UserId user, java.util.Collection<RoomId> roomIds) {
        forgotten.prime(user, roomIds);
    }

    /** The state events a viewer of {@code user} reads in a room whose state is {@code state}. */
    public static List<EventId> readsFrom(UserId user, Map<StateKey, EventId> state) {
        List<EventId> ids = new java.util.ArrayList<>(2);
        java.util.stream.Stream.of(state.get(HISTORY_VISIBILITY), state.get(StateKey.member(user)))
                .filter(java.util.Objects::nonNull).forEach(ids::add);
        return ids;
    }

    /** One user's view of one room's history. Not thread-safe; one per request. */
    public final class Viewer {
        private final UserId user;
        private final RoomId roomId;
        private final Map<Long, Boolean> byStateGroup = new HashMap<>();
        private final Map<String, Optional<String>> contentCache = new HashMap<>();
        private final Map<EventId, StoredEvent> known;
        private List<StoredEvent> memberships;

        private Viewer(UserId user, RoomId roomId, Map<EventId, StoredEvent> known) {
            this.user = user;
            this.roomId = roomId;
            this.known = known;
        }

        public UserId user() {
            return user;
        }

        public boolean canSee(StoredEvent event) {
            if (!event.pdu().roomId().equals(roomId)) {
                return false;
            }
            boolean special = event.pdu().isState("m.room.history_visibility", "")
                    || event.pdu().isState(StateKey.MEMBER, user.value());
            if (!special) {
                return byStateGroup.computeIfAbsent(event.stateGroup(), g -> allowed(stateGroups.get(g), event));
            }
            if (allowed(stateGroups.get(event.stateGroup()), event)) {
                return true;
            }
            return stateGroupBefore(event).map(g -> allowed(stateGroups.get(g), event)).orElse(false);
        }

        /**
         * Rule 3 depends on the event's position, not just its state; the per-group cache stays
         * right because every event sharing a state group lies between the same memberships of
         * the user (a membership change makes a new group).
         */
        private boolean allowed(Map<StateKey, EventId> state, StoredEvent event) {
            String visibility = field(state.get(HISTORY_VISIBILITY), "history_visibility")
                    .orElse("shared");
            if ("world_readable".equals(visibility)) {
                return true;
            }
            if (forgotten.isForgotten(user, roomId)) {
                // "Leaving rooms": once forgotten, a room's history is no longer retrievable.
                return false;
            }
            String membership = field(state.get(StateKey.member(user)), "membership").orElse("leave");
            if ("join".equals(membership)) {
                return true;
            }
            if ("invited".equals(visibility)) {
                return "invite".equals(membership);
            }
            if ("joined".equals(visibility)) {
                return false;
            }
            return joinedAfter(event);
        }

        private boolean joinedAfter(StoredEvent event) {
            if (memberships == null) {
                memberships = store.memberEvents(roomId, user);
            }
            long depth = event.pdu().depth();
            for (StoredEvent member : memberships) {
                boolean later = member.pdu().depth() > depth
                        || (member.pdu().depth() == depth && member.streamOrdering() > event.streamOrdering());
                if (later && "join".equals(member.pdu().content().path("membership").asText())) {
                    return true;
                }
            }
            return false;
        }

        /** The state group before a state event: that of its latest parent, as the pipeline chose it. */
        private Optional<Long> stateGroupBefore(StoredEvent event) {
            return store.events(event.pdu().prevEvents()).stream().map(StoredEvent::stateGroup).max(Long::compare);
        }

        private Optional<String> field(EventId id, String name) {
            if (id == null) {
                return Optional.empty();
            }
            return contentCache.computeIfAbsent(id.value() + " " + name, key ->
                    Optional.ofNullable(known.get(id)).or(() -> store.event(id))
                            .map(e -> e.pdu().content().path(name).asText(null)));
        }
    }
}
