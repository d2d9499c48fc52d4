package dev.parley.http.client;

import dev.parley.api.client.GetSpaceHierarchy;
import dev.parley.core.id.RoomId;
import dev.parley.core.id.UserId;
import dev.parley.http.Route;
import dev.parley.service.room.SpaceHierarchy;
import java.util.List;

/** {@code GET /rooms/{roomId}/hierarchy}. */
public final class SpaceRoutes {
    private SpaceRoutes() {
    }

    public static List<Route> routes(SpaceHierarchy hierarchy) {
        return List.of(new Route(GetSpaceHierarchy.ENDPOINT, request -> {
            SpaceHierarchy.Page page = hierarchy.hierarchy(RoomId.parse(request.pathParam("roomId")),
                    UserId.parse(request.requester().userId()), new SpaceHierarchy.Query(
                            request.query("suggested_only").map(v -> HistoryRoutes.booleanParam(v, "suggested_only")).orElse(false),
                            HistoryRoutes.intParam(request, "limit"), HistoryRoutes.intParam(request, "max_depth"),
                            request.query("from")));
            return new GetSpaceHierarchy.Response(page.rooms().stream().map(SpaceRoutes::wire).toList(),
                    page.nextBatch().orElse(null));
        }));
    }

    private static GetSpaceHierarchy.Room wire(SpaceHierarchy.Room room) {
        var s = room.summary();
        return new GetSpaceHierarchy.Room(s.roomId(), s.name(), s.topic(), s.canonicalAlias(), s.avatarUrl(),
                s.numJoinedMembers(), s.worldReadable(), s.guestCanJoin(), s.joinRule(), s.roomType(), room.childrenState(),
                room.allowedRoomIds(), room.encryption(), room.roomVersion());
    }
}
