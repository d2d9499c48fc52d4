package dev.parley.service.room;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.auth.Creators;
import dev.parley.core.auth.PowerLevels;
import dev.parley.core.auth.StateKey;
import dev.parley.core.error.MatrixException;
import dev.parley.core.event.Pdu;
import dev.parley.core.id.RoomId;
import dev.parley.core.id.UserId;
import dev.parley.core.room.RoomVersion;
import dev.parley.store.RoomRow;
import dev.parley.store.RoomStore;
import dev.parley.store.StoredEvent;
import java.util.Optional;

/**
 * A room's current state as far as permission checks outside the authorization rules need it:
 * who is a member, and who may send what under the current power levels. Used where the spec
 * (or Synapse's practice) ties an action that is not itself an event to a power level, such as
 * publishing a room or deleting its alias.
 */
public final class RoomPower {
    private final RoomStore store;

    public RoomPower(RoomStore store) {
        this.store = store;
    }

    /** The room, or {@code M_NOT_FOUND}. */
    public RoomRow room(RoomId roomId) {
        return store.room(roomId).orElseThrow(() -> MatrixException.notFound("Unknown room " + roomId.value()));
    }

    public boolean exists(RoomId roomId) {
        return store.room(roomId).isPresent();
    }

    public Optional<String> membership(RoomId roomId, UserId user) {
        return stateEvent(roomId, StateKey.member(user)).map(e -> e.pdu().content().path("membership").asText(null));
    }

    /** Whether the room's current history visibility is {@code world_readable}. */
    public boolean isWorldReadable(RoomId roomId) {
        return stateEvent(roomId, new StateKey("m.room.history_visibility", ""))
                .map(e -> "world_readable".equals(e.pdu().content().path("history_visibility").asText()))
                .orElse(false);
    }

    public boolean isJoined(RoomId roomId, UserId user) {
        return "join".equals(membership(roomId, user).orElse(null));
    }

    /** The room's current power levels, with its creators (v12: infinitely powerful). */
    public PowerLevels levels(RoomId roomId) {
        RoomVersion version = room(roomId).version();
        Pdu create = stateEvent(roomId, StateKey.CREATE_KEY).map(StoredEvent::pdu).orElse(null);
        Pdu power = stateEvent(roomId, StateKey.POWER_LEVELS_KEY).map(StoredEvent::pdu).orElse(null);
        return PowerLevels.of(power, Creators.of(create, version), version);
    }

    /** Whether a joined user's level reaches the level needed to send a state event of this type. */
    public boolean maySendState(RoomId roomId, UserId user, String eventType) {
        if (!isJoined(roomId, user)) {
            return false;
        }
        PowerLevels levels = levels(roomId);
        return levels.userLevel(user) >= levels.requiredLevel(eventType, true);
    }

    /** The content of a current state event, if the room has one. */
    public Optional<ObjectNode> content(RoomId roomId, String type, String stateKey) {
        return stateEvent(roomId, new StateKey(type, stateKey)).map(e -> e.pdu().content());
    }

    public Optional<StoredEvent> stateEvent(RoomId roomId, StateKey key) {
        return store.currentStateEvent(roomId, key).flatMap(store::event);
    }
}
