package dev.parley.http.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.api.client.Ban;
import dev.parley.api.client.CreateRoom;
import dev.parley.api.client.GetJoinedMembersByRoom;
import dev.parley.api.client.GetJoinedRooms;
import dev.parley.api.client.GetMembersByRoom;
import dev.parley.api.client.GetOneRoomEvent;
import dev.parley.api.client.GetRoomState;
import dev.parley.api.client.GetRoomStateWithKey;
import dev.parley.api.client.InviteUser;
import dev.parley.api.client.JoinRoom;
import dev.parley.api.client.JoinRoomById;
import dev.parley.api.client.Kick;
import dev.parley.api.client.LeaveRoom;
import dev.parley.api.client.MembershipChange;
import dev.parley.api.client.SendMessage;
import dev.parley.api.client.SetRoomStateWithKey;
import dev.parley.api.client.Unban;
import dev.parley.core.error.ErrCode;
import dev.parley.core.error.MatrixException;
import dev.parley.core.id.EventId;
import dev.parley.core.id.RoomAlias;
import dev.parley.core.id.RoomId;
import dev.parley.core.id.UserId;
import dev.parley.http.RequestContext;
import dev.parley.http.Route;
import dev.parley.service.room.ClientTransaction;
import dev.parley.service.room.EventPipeline;
import dev.parley.service.room.EventPipeline.Draft;
import dev.parley.service.room.Memberships;
import dev.parley.service.room.RoomAliases;
import dev.parley.service.room.RoomCreation;
import dev.parley.service.room.RoomReads;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Creating rooms, sending events, reading state and changing membership. */
public final class RoomRoutes {
    private RoomRoutes() {
    }

    public static List<Route> routes(RoomCreation creation, EventPipeline pipeline, Memberships memberships,
                                     RoomReads reads, RoomAliases aliases) {
        List<Route> routes = new ArrayList<>();
        routes.add(new Route(CreateRoom.ENDPOINT, request -> {
            CreateRoom.Request body = request.body(CreateRoom.Request.class);
            if (body.invite3pid() != null && !body.invite3pid().isEmpty()) {
                throw MatrixException.invalidParam("Third-party invites are not supported yet");
            }
            RoomId roomId = creation.create(user(request), new RoomCreation.Request(Optional.ofNullable(body.preset()),
                    Optional.ofNullable(body.visibility()), Optional.ofNullable(body.roomAliasName()),
                    Optional.ofNullable(body.name()), Optional.ofNullable(body.topic()),
                    body.invite() == null ? List.of() : body.invite(),
                    body.initialState() == null ? List.of() : body.initialState(), Optional.ofNullable(body.roomVersion()),
                    body.creationContent() == null ? request.jsonBody().objectNode() : body.creationContent(),
                    Optional.ofNullable(body.powerLevelContentOverride()), Boolean.TRUE.equals(body.isDirect())));
            return new CreateRoom.Response(roomId.value());
        }));
        routes.add(new Route(SendMessage.ENDPOINT, request -> {
            UserId sender = user(request);
            var transaction = new ClientTransaction(sender, request.requester().deviceId().orElse(""),
                    request.pathParam("txnId"));
            var event = pipeline.send(room(request), sender,
                    Draft.message(request.pathParam("eventType"), request.jsonBody()), Optional.of(transaction));
            return new SendMessage.Response(event.pdu().eventId().value());
        }));
        for (var endpoint : List.of(SetRoomStateWithKey.ENDPOINT, SetRoomStateWithKey.EMPTY_KEY)) {
            routes.add(new Route(endpoint, request -> {
                var event = pipeline.send(room(request), user(request), Draft.state(request.pathParam("eventType"),
                        stateKey(request), request.jsonBody()), Optional.empty());
                return new SetRoomStateWithKey.Response(event.pdu().eventId().value());
            }));
        }
        for (var endpoint : List.of(GetRoomStateWithKey.ENDPOINT, GetRoomStateWithKey.EMPTY_KEY)) {
            routes.add(new Route(endpoint, request -> switch (request.query("format").orElse("content")) {
                case "content" -> reads.stateContent(room(request), user(request), request.pathParam("eventType"), stateKey(request));
                case "event" -> reads.stateEvent(room(request), user(request), request.pathParam("eventType"), stateKey(request));
                default -> throw MatrixException.invalidParam("format must be 'content' or 'event'");
            }));
        }
        routes.add(new Route(GetRoomState.ENDPOINT, request -> reads.state(room(request), user(request))));
        routes.add(new Route(GetOneRoomEvent.ENDPOINT, request ->
                reads.event(room(request), EventId.parse(request.pathParam("eventId")), user(request))));
        routes.add(new Route(GetMembersByRoom.ENDPOINT, request -> new GetMembersByRoom.Response(reads.members(
                room(request), user(request), request.query("at"), request.query("membership"),
                request.query("not_membership")))));
        routes.add(new Route(GetJoinedMembersByRoom.ENDPOINT, request ->
                new GetJoinedMembersByRoom.Response(reads.joinedMembers(room(request), user(request)))));
        routes.add(new Route(GetJoinedRooms.ENDPOINT, request ->
                new GetJoinedRooms.Response(reads.joinedRooms(user(request)).stream().map(RoomId::value).toList())));
        routes.add(new Route(JoinRoomById.ENDPOINT, request -> join(memberships, room(request), request)));
        routes.add(new Route(JoinRoom.ENDPOINT, request -> {
            String target = request.pathParam("roomIdOrAlias");
            RoomId roomId = target.startsWith("#")
                    ? aliases.resolve(RoomAlias.parse(target)).orElseThrow(() -> MatrixException.notFound("Unknown room alias"))
                    : RoomId.parse(target);
            return join(memberships, roomId, request);
        }));
        routes.add(new Route(InviteUser.ENDPOINT, request -> {
            MembershipChange change = change(request);
            memberships.invite(room(request), user(request), target(change), Optional.ofNullable(change.reason()), false);
            return java.util.Map.of();
        }));
        routes.add(new Route(LeaveRoom.ENDPOINT, request -> {
            memberships.leave(room(request), user(request), reason(request));
            return java.util.Map.of();
        }));
        routes.add(new Route(Kick.ENDPOINT, request -> {
            MembershipChange change = change(request);
            memberships.kick(room(request), user(request), target(change), Optional.ofNullable(change.reason()));
            return java.util.Map.of();
        }));
        routes.add(new Route(Ban.ENDPOINT, request -> {
            MembershipChange change = change(request);
            memberships.ban(room(request), user(request), target(change), Optional.ofNullable(change.reason()));
            return java.util.Map.of();
        }));
        routes.add(new Route(Unban.ENDPOINT, request -> {
            MembershipChange change = change(request);
            memberships.unban(room(request), user(request), target(change), Optional.ofNullable(change.reason()));
            return java.util.Map.of();
        }));
        return routes;
    }

    private static Object join(Memberships memberships, RoomId roomId, RequestContext request) {
        if (request.requester().guest()) {
            memberships.joinAsGuest(roomId, user(request), reason(request));
        } else {
            memberships.join(roomId, user(request), reason(request));
        }
        return new JoinRoomById.Response(roomId.value());
    }

    private static MembershipChange change(RequestContext request) {
        MembershipChange change = request.body(MembershipChange.class);
        if (change.userId() == null) {
            throw new MatrixException(ErrCode.MISSING_PARAM, "Missing user_id");
        }
        return change;
    }

    private static UserId target(MembershipChange change) {
        if (!UserId.isValid(change.userId())) {
            throw MatrixException.invalidParam("Invalid user_id: " + change.userId());
        }
        return UserId.parse(change.userId());
    }

    private static Optional<String> reason(RequestContext request) {
        ObjectNode body = request.jsonBody();
        return body.path("reason").isTextual() ? Optional.of(body.get("reason").asText()) : Optional.empty();
    }

    private static String stateKey(RequestContext request) {
        return request.endpoint().path().endsWith("{stateKey}") ? request.pathParam("stateKey") : "";
    }

    private static RoomId room(RequestContext request) {
        return RoomId.parse(request.pathParam("roomId"));
    }

    private static UserId user(RequestContext request) {
        return UserId.parse(request.requester().userId());
    }
}
