package dev.parley.http.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.api.client.DeleteRoomKeyBySessionId;
import dev.parley.api.client.DeleteRoomKeys;
import dev.parley.api.client.DeleteRoomKeysByRoomId;
import dev.parley.api.client.DeleteRoomKeysVersion;
import dev.parley.api.client.GetRoomKeyBySessionId;
import dev.parley.api.client.GetRoomKeys;
import dev.parley.api.client.GetRoomKeysByRoomId;
import dev.parley.api.client.GetRoomKeysVersion;
import dev.parley.api.client.GetRoomKeysVersionCurrent;
import dev.parley.api.client.PostRoomKeysVersion;
import dev.parley.api.client.PutRoomKeyBySessionId;
import dev.parley.api.client.PutRoomKeys;
import dev.parley.api.client.PutRoomKeysByRoomId;
import dev.parley.api.client.PutRoomKeysVersion;
import dev.parley.core.error.ErrCode;
import dev.parley.core.error.MatrixException;
import dev.parley.core.id.RoomId;
import dev.parley.core.id.UserId;
import dev.parley.http.RequestContext;
import dev.parley.http.Route;
import dev.parley.service.e2ee.KeyBackups;
import dev.parley.store.KeyBackupStore.SessionKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Server-side key backups (Client-Server API, "Server-side key backups"). */
public final class RoomKeyBackupRoutes {
    private RoomKeyBackupRoutes() {
    }

    public static List<Route> routes(KeyBackups backups) {
        return List.of(
                new Route(PostRoomKeysVersion.ENDPOINT, r -> Map.of("version", backups.create(user(r), r.jsonBody()))),
                new Route(GetRoomKeysVersionCurrent.ENDPOINT, r -> backups.get(user(r), Optional.empty())),
                new Route(GetRoomKeysVersion.ENDPOINT, r -> backups.get(user(r), Optional.of(r.pathParam("version")))),
                new Route(PutRoomKeysVersion.ENDPOINT, r -> {
                    backups.update(user(r), r.pathParam("version"), r.jsonBody());
                    return Map.of();
                }),
                new Route(DeleteRoomKeysVersion.ENDPOINT, r -> {
                    backups.delete(user(r), r.pathParam("version"));
                    return Map.of();
                }),
                new Route(PutRoomKeys.ENDPOINT, r -> backups.put(user(r), version(r), allRooms(r.jsonBody()))),
                new Route(PutRoomKeysByRoomId.ENDPOINT, r ->
                        backups.put(user(r), version(r), KeyBackups.sessions(room(r), r.jsonBody()))),
                new Route(PutRoomKeyBySessionId.ENDPOINT, r -> backups.put(user(r), version(r),
                        List.of(KeyBackups.sessionKey(room(r), r.pathParam("sessionId"), r.jsonBody())))),
                new Route(GetRoomKeys.ENDPOINT, r ->
                        KeyBackups.roomsJson(backups.keys(user(r), version(r), Optional.empty(), Optional.empty()))),
                new Route(GetRoomKeysByRoomId.ENDPOINT, r -> {
                    // An unknown room has no sessions rather than being an error (as Synapse answers).
                    ObjectNode rooms = (ObjectNode) KeyBackups.roomsJson(
                            backups.keys(user(r), version(r), Optional.of(room(r)), Optional.empty())).get("rooms");
                    JsonNode room = rooms.get(room(r).value());
                    return room != null ? room : Map.of("sessions", Map.of());
                }),
                new Route(GetRoomKeyBySessionId.ENDPOINT, r -> {
                    List<SessionKey> keys = backups.keys(user(r), version(r), Optional.of(room(r)),
                            Optional.of(r.pathParam("sessionId")));
                    if (keys.isEmpty()) {
                        throw MatrixException.notFound("No key for that session");
                    }
                    return KeyBackups.json(keys.getFirst());
                }),
                new Route(DeleteRoomKeys.ENDPOINT, r ->
                        backups.deleteKeys(user(r), version(r), Optional.empty(), Optional.empty())),
                new Route(DeleteRoomKeysByRoomId.ENDPOINT, r ->
                        backups.deleteKeys(user(r), version(r), Optional.of(room(r)), Optional.empty())),
                new Route(DeleteRoomKeyBySessionId.ENDPOINT, r -> backups.deleteKeys(user(r), version(r),
                        Optional.of(room(r)), Optional.of(r.pathParam("sessionId")))));
    }

    /** The {@code rooms} of a whole-backup upload. */
    private static List<SessionKey> allRooms(ObjectNode body) {
        if (!body.path("rooms").isObject()) {
            throw MatrixException.badJson("rooms must be an object");
        }
        List<SessionKey> keys = new ArrayList<>();
        for (Map.Entry<String, JsonNode> room : body.path("rooms").properties()) {
            keys.addAll(KeyBackups.sessions(roomId(room.getKey()), room.getValue()));
        }
        return keys;
    }

    private static String version(RequestContext r) {
        return r.query("version").orElseThrow(() -> new MatrixException(ErrCode.MISSING_PARAM, "Missing version"));
    }

    private static RoomId room(RequestContext r) {
        return roomId(r.pathParam("roomId"));
    }

    private static RoomId roomId(String value) {
        if (!RoomId.isValid(value)) {
            throw MatrixException.invalidParam("'" + value + "' is not a room ID");
        }
        return RoomId.parse(value);
    }

    private static UserId user(RequestContext r) {
        return UserId.parse(r.requester().userId());
    }
}
