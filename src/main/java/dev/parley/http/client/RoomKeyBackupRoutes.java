package dev.parley.http.client;

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
                new Route(PutRoomKeys.ENDPOINT, r ->
                        backups.put(user(r), version(r), Optional.empty(), Optional.empty(), r.jsonBody())),
                new Route(PutRoomKeysByRoomId.ENDPOINT, r ->
                        backups.put(user(r), version(r), Optional.of(room(r)), Optional.empty(), r.jsonBody())),
                new Route(PutRoomKeyBySessionId.ENDPOINT, r ->
                        backups.put(user(r), version(r), Optional.of(room(r)), session(r), r.jsonBody())),
                new Route(GetRoomKeys.ENDPOINT, r ->
                        backups.keys(user(r), version(r), Optional.empty(), Optional.empty())),
                new Route(GetRoomKeysByRoomId.ENDPOINT, r ->
                        backups.keys(user(r), version(r), Optional.of(room(r)), Optional.empty())),
                new Route(GetRoomKeyBySessionId.ENDPOINT, r ->
                        backups.keys(user(r), version(r), Optional.of(room(r)), session(r))),
                new Route(DeleteRoomKeys.ENDPOINT, r ->
                        backups.deleteKeys(user(r), version(r), Optional.empty(), Optional.empty())),
                new Route(DeleteRoomKeysByRoomId.ENDPOINT, r ->
                        backups.deleteKeys(user(r), version(r), Optional.of(room(r)), Optional.empty())),
                new Route(DeleteRoomKeyBySessionId.ENDPOINT, r ->
                        backups.deleteKeys(user(r), version(r), Optional.of(room(r)), session(r))));
    }

    private static Optional<String> session(RequestContext r) {
        return Optional.of(r.pathParam("sessionId"));
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
