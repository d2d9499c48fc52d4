package dev.parley.http.client;

import dev.parley.api.client.DeleteRoomAlias;
import dev.parley.api.client.GetLocalAliases;
import dev.parley.api.client.GetPublicRooms;
import dev.parley.api.client.GetRoomIdByAlias;
import dev.parley.api.client.GetRoomVisibilityOnDirectory;
import dev.parley.api.client.QueryPublicRooms;
import dev.parley.api.client.SetRoomAlias;
import dev.parley.api.client.SetRoomVisibilityOnDirectory;
import dev.parley.core.error.ErrCode;
import dev.parley.core.error.MatrixException;
import dev.parley.core.id.RoomAlias;
import dev.parley.core.id.RoomId;
import dev.parley.core.id.ServerName;
import dev.parley.core.id.UserId;
import dev.parley.http.RequestContext;
import dev.parley.http.Route;
import dev.parley.service.room.PublicRooms;
import dev.parley.service.room.RoomDirectory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Room aliases and the published room directory. */
public final class DirectoryRoutes {
    private DirectoryRoutes() {
    }

    public static List<Route> routes(RoomDirectory directory, PublicRooms publicRooms) {
        List<Route> routes = new ArrayList<>();
        routes.add(new Route(SetRoomAlias.ENDPOINT, request -> {
            SetRoomAlias.Request body = request.body(SetRoomAlias.Request.class);
            if (body.roomId() == null) {
                throw new MatrixException(ErrCode.MISSING_PARAM, "Missing room_id");
            }
            directory.createAlias(alias(request), RoomId.parse(body.roomId()), user(request));
            return Map.of();
        }));
        routes.add(new Route(GetRoomIdByAlias.ENDPOINT, request -> {
            RoomDirectory.Resolution resolution = directory.resolve(alias(request));
            return new GetRoomIdByAlias.Response(resolution.roomId().value(),
                    resolution.servers().stream().map(ServerName::value).toList());
        }));
        routes.add(new Route(DeleteRoomAlias.ENDPOINT, request -> {
            directory.deleteAlias(alias(request), user(request));
            return Map.of();
        }));
        routes.add(new Route(GetLocalAliases.ENDPOINT, request -> new GetLocalAliases.Response(
                directory.localAliases(room(request), user(request)).stream().map(RoomAlias::value).toList())));
        routes.add(new Route(GetRoomVisibilityOnDirectory.ENDPOINT, request ->
                new GetRoomVisibilityOnDirectory.Response(directory.isPublished(room(request)) ? "public" : "private")));
        routes.add(new Route(SetRoomVisibilityOnDirectory.ENDPOINT, request -> {
            String visibility = Optional.ofNullable(request.body(SetRoomVisibilityOnDirectory.Request.class).visibility())
                    .orElse("public");
            if (!visibility.equals("public") && !visibility.equals("private")) {
                throw MatrixException.invalidParam("visibility must be public or private");
            }
            directory.setPublished(room(request), user(request), visibility.equals("public"));
            return Map.of();
        }));
        routes.add(new Route(GetPublicRooms.ENDPOINT, request -> publicRooms.list(new PublicRooms.Query(
                request.query("limit").map(DirectoryRoutes::limit), request.query("since"), request.query("server"),
                Optional.empty(), List.of(), Optional.empty()))));
        routes.add(new Route(QueryPublicRooms.ENDPOINT, request -> {
            QueryPublicRooms.Request body = request.body(QueryPublicRooms.Request.class);
            QueryPublicRooms.Filter filter = body.filter() == null ? new QueryPublicRooms.Filter(null, null) : body.filter();
            List<Optional<String>> roomTypes = new ArrayList<>();
            if (filter.roomTypes() != null) {
                filter.roomTypes().forEach(type -> roomTypes.add(Optional.ofNullable(type)));
            }
            return publicRooms.list(new PublicRooms.Query(Optional.ofNullable(body.limit()), Optional.ofNullable(body.since()),
                    request.query("server"), Optional.ofNullable(filter.genericSearchTerm()).filter(t -> !t.isBlank()),
                    roomTypes, Optional.ofNullable(body.thirdPartyInstanceId())));
        }));
        return routes;
    }

    private static int limit(String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw MatrixException.invalidParam("limit must be an integer");
        }
    }

    private static RoomAlias alias(RequestContext request) {
        return RoomAlias.parse(request.pathParam("roomAlias"));
    }

    private static RoomId room(RequestContext request) {
        return RoomId.parse(request.pathParam("roomId"));
    }

    private static UserId user(RequestContext request) {
        return UserId.parse(request.requester().userId());
    }
}
