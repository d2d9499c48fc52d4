package dev.parley.http.client;

import dev.parley.api.client.GetThreadRoots;
import dev.parley.core.id.RoomId;
import dev.parley.core.id.UserId;
import dev.parley.http.Route;
import dev.parley.service.room.ThreadRoots;
import java.util.List;

/** {@code GET /rooms/{roomId}/threads}. */
public final class ThreadRoutes {
    private ThreadRoutes() {
    }

    public static List<Route> routes(ThreadRoots threads) {
        return List.of(new Route(GetThreadRoots.ENDPOINT, request -> {
            ThreadRoots.Page page = threads.list(RoomId.parse(request.pathParam("roomId")),
                    UserId.parse(request.requester().userId()),
                    request.query("include").map(ThreadRoots.Include::parse).orElse(ThreadRoots.Include.ALL),
                    HistoryRoutes.intParam(request, "limit"), request.query("from"));
            return new GetThreadRoots.Response(page.chunk(), page.nextBatch().orElse(null));
        }));
    }
}
