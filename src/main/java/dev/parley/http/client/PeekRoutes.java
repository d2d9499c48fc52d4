package dev.parley.http.client;

import dev.parley.api.client.PeekEvents;
import dev.parley.api.client.RoomInitialSync;
import dev.parley.core.error.ErrCode;
import dev.parley.core.error.MatrixException;
import dev.parley.core.id.RoomId;
import dev.parley.core.id.UserId;
import dev.parley.http.Route;
import dev.parley.service.peek.RoomPreviews;
import java.time.Duration;
import java.util.List;

/** Room previews: {@code GET /rooms/{roomId}/initialSync} and {@code GET /events?room_id=} (peeking). */
public final class PeekRoutes {
    private PeekRoutes() {
    }

    public static List<Route> routes(RoomPreviews previews) {
        return List.of(
                new Route(RoomInitialSync.ENDPOINT, request -> previews.initialSync(
                        UserId.parse(request.requester().userId()), RoomId.parse(request.pathParam("roomId")))),
                new Route(PeekEvents.ENDPOINT, request -> {
                    RoomId room = RoomId.parse(request.query("room_id").orElseThrow(() ->
                            new MatrixException(ErrCode.MISSING_PARAM, "room_id is required")));
                    Duration timeout = request.query("timeout").map(SyncRoutes::millis).map(Duration::ofMillis)
                            .orElse(RoomPreviews.DEFAULT_TIMEOUT);
                    try {
                        return previews.events(UserId.parse(request.requester().userId()), room, request.query("from"),
                                timeout);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new MatrixException(ErrCode.UNAVAILABLE, "The server is shutting down");
                    }
                }));
    }
}
