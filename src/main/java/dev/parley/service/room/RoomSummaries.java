package dev.parley.service.room;

import dev.parley.api.client.GetRoomSummary;
import dev.parley.core.error.MatrixException;
import dev.parley.core.id.RoomAlias;
import dev.parley.core.id.RoomId;
import dev.parley.core.id.UserId;
import java.util.Optional;

/**
 * Room summaries (Client-Server API, "Room Summaries", getRoomSummary) of rooms this server
 * holds, seen by the rules of the space hierarchy ({@link SpaceHierarchy#summary}). Rooms held
 * only elsewhere answer "not found" until federation comes; so do rooms the requester may not
 * see, so that the answer does not tell whether such a room exists.
 */
public final class RoomSummaries {
    private final SpaceHierarchy hierarchy;
    private final RoomAliases aliases;
    private final RoomPower power;

    public RoomSummaries(SpaceHierarchy hierarchy, RoomAliases aliases, RoomPower power) {
        this.hierarchy = hierarchy;
        this.aliases = aliases;
        this.power = power;
    }

    /**
     * @param roomIdOrAlias a room ID ({@code !}) or alias ({@code #})
     * @param user empty for an unauthenticated request
     * @throws MatrixException {@code M_INVALID_PARAM} for neither a room ID nor an alias,
     *     {@code M_NOT_FOUND} for a room that is unknown here or not visible to the requester
     */
    public GetRoomSummary.Response summary(String roomIdOrAlias, Optional<UserId> user) {
        RoomId roomId = resolve(roomIdOrAlias);
        SpaceHierarchy.Room room = hierarchy.summary(roomId, user)
                .orElseThrow(() -> MatrixException.notFound("Room not found."));
        var s = room.summary();
        String membership = user.map(u -> power.membership(roomId, u).orElse("leave")).orElse(null);
        return new GetRoomSummary.Response(s.roomId(), s.name(), s.topic(), s.canonicalAlias(), s.avatarUrl(),
                s.numJoinedMembers(), s.worldReadable(), s.guestCanJoin(), s.joinRule(), s.roomType(),
                room.allowedRoomIds(), room.encryption(), room.roomVersion(), membership);
    }

    private RoomId resolve(String roomIdOrAlias) {
        if (roomIdOrAlias.startsWith("#") && RoomAlias.isValid(roomIdOrAlias)) {
            return aliases.resolve(RoomAlias.parse(roomIdOrAlias))
                    .orElseThrow(() -> MatrixException.notFound("Room alias not found."));
        }
        if (roomIdOrAlias.startsWith("!") && RoomId.isValid(roomIdOrAlias)) {
            return RoomId.parse(roomIdOrAlias);
        }
        throw MatrixException.invalidParam("Not a room ID or alias: " + roomIdOrAlias);
    }
}
