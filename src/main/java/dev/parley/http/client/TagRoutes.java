package dev.parley.http.client;

import dev.parley.api.client.DeleteRoomTag;
import dev.parley.api.client.GetRoomTags;
import dev.parley.api.client.SetRoomTag;
import dev.parley.core.id.RoomId;
import dev.parley.core.id.UserId;
import dev.parley.http.RequestContext;
import dev.parley.http.Route;
import dev.parley.service.accountdata.RoomTags;
import java.util.List;
import java.util.Map;

/** Room tagging endpoints (Client-Server API, "Room Tagging"). */
public final class TagRoutes {
    private TagRoutes() {
    }

    public static List<Route> routes(RoomTags tags) {
        return List.of(
                new Route(GetRoomTags.ENDPOINT, request -> tags.get(requester(request), owner(request), room(request))),
                new Route(SetRoomTag.ENDPOINT, request -> {
                    tags.set(requester(request), owner(request), room(request), request.pathParam("tag"),
                            request.jsonBody());
                    return Map.of();
                }),
                new Route(DeleteRoomTag.ENDPOINT, request -> {
                    tags.delete(requester(request), owner(request), room(request), request.pathParam("tag"));
                    return Map.of();
                }));
    }

    private static UserId requester(RequestContext request) {
        return UserId.parse(request.requester().userId());
    }

    private static UserId owner(RequestContext request) {
        return UserId.parse(request.pathParam("userId"));
    }

    private static RoomId room(RequestContext request) {
        return RoomId.parse(request.pathParam("roomId"));
    }
}
