package dev.parley.http.client;

import dev.parley.api.client.GetMutualRooms;
import dev.parley.api.client.GetRoomSummary;
import dev.parley.core.error.MatrixException;
import dev.parley.core.id.RoomId;
import dev.parley.core.id.UserId;
import dev.parley.http.Route;
import dev.parley.service.room.MutualRooms;
import dev.parley.service.room.RoomSummaries;
import java.util.List;

/** {@code GET /room_summary/{roomIdOrAlias}} and {@code GET /mutual_rooms}: what a client shows before or beside a room. */
public final class RoomSummaryRoutes {
    private RoomSummaryRoutes() {
    }

    public static List<Route> routes(RoomSummaries summaries, MutualRooms mutualRooms) {
        return List.of(
                new Route(GetRoomSummary.ENDPOINT, request -> summaries.summary(request.pathParam("roomIdOrAlias"),
                        request.optionalRequester().map(r -> UserId.parse(r.userId())))),
                new Route(GetMutualRooms.ENDPOINT, request -> {
                    String other = request.query("user_id")
                            .orElseThrow(() -> MatrixException.invalidParam("user_id is required"));
                    if (!UserId.isValid(other)) {
                        throw MatrixException.invalidParam("user_id is not a user ID: " + other);
                    }
                    MutualRooms.Batch batch = mutualRooms.between(UserId.parse(request.requester().userId()),
                            UserId.parse(other), request.query("from"));
                    return new GetMutualRooms.Response(batch.joined().stream().map(RoomId::value).toList(),
                            batch.count(), batch.nextBatch().orElse(null));
                }));
    }
}
