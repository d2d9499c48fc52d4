package dev.parley.service.room;

import dev.parley.core.auth.StateKey;
import dev.parley.core.event.Pdu;
import dev.parley.core.id.RoomId;
import dev.parley.core.id.UserId;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The newest stream position given to an event of each room, and to a membership event of each
 * user, since start-up; before that, the highest position persisted at start-up stands for all.
 * Recorded when the position is handed out, before it can count as persisted, so a reader that
 * sees {@link EventPipeline#currentPosition()} at or past an event also sees it here: an
 * incremental {@code /sync} may skip, without a query, a room (or the user's membership list)
 * whose newest position is not after its token.
 */
public final class LatestPositions {
    private final long startedAt;
    private final ConcurrentHashMap<RoomId, Long> rooms = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<UserId, Long> memberships = new ConcurrentHashMap<>();

    LatestPositions(long startedAt) {
        this.startedAt = startedAt;
    }

    void allocated(Pdu pdu, long position) {
        rooms.merge(pdu.roomId(), position, Math::max);
        if (StateKey.MEMBER.equals(pdu.type()) && pdu.stateKey() != null && UserId.isValid(pdu.stateKey())) {
            memberships.merge(UserId.parse(pdu.stateKey()), position, Math::max);
        }
    }

    /** An upper bound of the positions of the room's events. */
    public long room(RoomId room) {
        return rooms.getOrDefault(room, startedAt);
    }

    /** An upper bound of the positions of membership events whose state key is {@code user}. */
    public long membership(UserId user) {
        return memberships.getOrDefault(user, startedAt);
    }
}
