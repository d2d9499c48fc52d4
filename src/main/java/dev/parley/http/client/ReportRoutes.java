package dev.parley.http.client;

import dev.parley.api.client.ReportEvent;
import dev.parley.api.client.ReportRoom;
import dev.parley.api.client.ReportUser;
import dev.parley.core.error.MatrixException;
import dev.parley.core.id.EventId;
import dev.parley.core.id.RoomId;
import dev.parley.core.id.UserId;
import dev.parley.http.Route;
import dev.parley.service.room.Reports;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reporting content: {@code /rooms/{roomId}/report/{eventId}}, {@code /rooms/{roomId}/report} and {@code /users/{userId}/report}. */
public final class ReportRoutes {
    private ReportRoutes() {
    }

    public static List<Route> routes(Reports reports) {
        return List.of(
                new Route(ReportEvent.ENDPOINT, request -> {
                    ReportEvent.Request body = request.body(ReportEvent.Request.class);
                    String eventId = request.pathParam("eventId");
                    if (!EventId.isValid(eventId)) {
                        throw MatrixException.invalidParam("Invalid event ID: " + eventId);
                    }
                    reports.reportEvent(RoomId.parse(request.pathParam("roomId")), EventId.parse(eventId),
                            UserId.parse(request.requester().userId()), Optional.ofNullable(body.reason()),
                            Optional.ofNullable(body.score()).filter(s -> s.isIntegralNumber() && s.canConvertToInt())
                                    .map(s -> s.intValue()));
                    return Map.of();
                }),
                new Route(ReportRoom.ENDPOINT, request -> {
                    ReportRoom.Request body = request.body(ReportRoom.Request.class);
                    if (body.reason() == null) {
                        throw MatrixException.badJson("reason is required");
                    }
                    reports.reportRoom(RoomId.parse(request.pathParam("roomId")), UserId.parse(request.requester().userId()),
                            body.reason());
                    return Map.of();
                }),
                new Route(ReportUser.ENDPOINT, request -> {
                    ReportUser.Request body = request.body(ReportUser.Request.class);
                    if (body.reason() == null) {
                        throw MatrixException.badJson("reason is required");
                    }
                    reports.reportUser(UserId.parse(request.pathParam("userId")), UserId.parse(request.requester().userId()),
                            body.reason());
                    return Map.of();
                }));
    }
}
