package dev.parley.service.e2ee;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.error.ErrCode;
import dev.parley.core.error.MatrixException;
import dev.parley.core.id.RoomId;
import dev.parley.core.id.UserId;
import dev.parley.core.json.Json;
import dev.parley.store.KeyBackupStore;
import dev.parley.store.KeyBackupStore.SessionKey;
import dev.parley.store.KeyBackupStore.Version;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Server-side key backups (Client-Server API, "Server-side key backups"): versions with opaque
 * {@code auth_data}, and encrypted session keys only the newest version takes.
 */
public final class KeyBackups {
    private final KeyBackupStore store;

    public KeyBackups(KeyBackupStore store) {
        this.store = store;
    }

    /** {@code POST /room_keys/version}: returns the new version. */
    public String create(UserId user, ObjectNode body) {
        return Long.toString(store.create(user, algorithm(body), authData(body)));
    }

    /** {@code GET /room_keys/version[/{version}]}: the version (the current one when empty). */
    public ObjectNode get(UserId user, Optional<String> version) {
        Version v = (version.isEmpty() ? store.current(user) : parse(version.get()).flatMap(n -> store.version(user, n)))
                .orElseThrow(() -> MatrixException.notFound("Unknown backup version"));
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("algorithm", v.algorithm());
        out.set("auth_data", v.authData());
        out.put("count", v.count());
        out.put("etag", Long.toString(v.etag()));
        out.put("version", Long.toString(v.version()));
        return out;
    }

    /** {@code PUT /room_keys/version/{version}}: a new {@code auth_data}; the algorithm cannot change. */
    public void update(UserId user, String version, ObjectNode body) {
        Version v = parse(version).flatMap(n -> store.version(user, n))
                .orElseThrow(() -> MatrixException.notFound("Unknown backup version"));
        JsonNode given = body.get("version");
        if (given != null && !given.asText().equals(version)) {
            throw MatrixException.invalidParam("version in the body does not match the path");
        }
        if (!algorithm(body).equals(v.algorithm())) {
            throw MatrixException.invalidParam("The algorithm of a backup version cannot change");
        }
        store.update(user, v.version(), authData(body));
    }

    /** {@code DELETE /room_keys/version/{version}}. */
    public void delete(UserId user, String version) {
        if (!parse(version).map(n -> store.delete(user, n)).orElse(false)) {
            throw MatrixException.notFound("Unknown backup version");
        }
    }

    /**
     * {@code PUT /room_keys/keys[/{roomId}[/{sessionId}]]}: the body is a whole backup
     * ({@code rooms}), one room's ({@code sessions}) or one session's key, as the path narrows it.
     * Returns {@code etag} and {@code count}.
     *
     * @throws MatrixException {@code M_WRONG_ROOM_KEYS_VERSION} (with {@code current_version})
     *     unless {@code version} is the current version; {@code M_NOT_FOUND} if there is none
     */
    public ObjectNode put(UserId user, String version, Optional<RoomId> room, Optional<String> session,
                          ObjectNode body) {
        List<SessionKey> keys = room.isEmpty() ? allRooms(body)
                : session.isEmpty() ? sessions(room.get(), body) : List.of(sessionKey(room.get(), session.get(), body));
        Optional<Version> written = parse(version).flatMap(n -> store.put(user, n, keys));
        if (written.isEmpty()) {
            Version current = store.current(user).orElseThrow(() -> MatrixException.notFound("No backup version exists"));
            throw new MatrixException(ErrCode.WRONG_ROOM_KEYS_VERSION, "Wrong backup version",
                    Map.of("current_version", Long.toString(current.version())));
        }
        return counts(written.get());
    }

    /**
     * {@code GET /room_keys/keys[/{roomId}[/{sessionId}]]}: the whole backup ({@code rooms}), one
     * room's keys ({@code sessions}, empty for a room without any, as Synapse answers) or one
     * session's key ({@code M_NOT_FOUND} if there is none).
     */
    public ObjectNode keys(UserId user, String version, Optional<RoomId> room, Optional<String> session) {
        long n = existing(user, version).version();
        List<SessionKey> keys = store.keys(user, n, room, session);
        if (session.isPresent()) {
            return json(keys.stream().findFirst().orElseThrow(() -> MatrixException.notFound("No key for that session")));
        }
        ObjectNode all = roomsJson(keys);
        if (room.isEmpty()) {
            return all;
        }
        JsonNode one = all.path("rooms").get(room.get().value());
        if (one instanceof ObjectNode found) {
            return found;
        }
        ObjectNode empty = Json.MAPPER.createObjectNode();
        empty.putObject("sessions");
        return empty;
    }

    /** {@code DELETE /room_keys/keys...}. */
    public ObjectNode deleteKeys(UserId user, String version, Optional<RoomId> room, Optional<String> session) {
        long n = existing(user, version).version();
        return counts(store.deleteKeys(user, n, room, session)
                .orElseThrow(() -> MatrixException.notFound("Unknown backup version")));
    }

    /** Deletes every backup of the user (account deactivation). */
    public void deleteAll(UserId user) {
        store.deleteAll(user);
    }

    /** The {@code rooms} of a whole-backup upload. */
    private static List<SessionKey> allRooms(ObjectNode body) {
        if (!body.path("rooms").isObject()) {
            throw MatrixException.badJson("rooms must be an object");
        }
        List<SessionKey> keys = new ArrayList<>();
        for (Map.Entry<String, JsonNode> room : body.path("rooms").properties()) {
            if (!RoomId.isValid(room.getKey())) {
                throw MatrixException.invalidParam("'" + room.getKey() + "' is not a room ID");
            }
            keys.addAll(sessions(RoomId.parse(room.getKey()), room.getValue()));
        }
        return keys;
    }

    /** KeyBackupData of one session, as the request gives it. */
    private static SessionKey sessionKey(RoomId room, String sessionId, JsonNode data) {
        if (!data.path("first_message_index").canConvertToLong() || !data.path("forwarded_count").canConvertToLong()
                || !data.path("is_verified").isBoolean() || !data.path("session_data").isObject()) {
            throw MatrixException.badJson("Key backup data needs first_message_index, forwarded_count, is_verified "
                    + "and session_data");
        }
        return new SessionKey(room, sessionId, data.path("first_message_index").asLong(),
                data.path("forwarded_count").asLong(), data.path("is_verified").asBoolean(),
                (ObjectNode) data.path("session_data"));
    }

    /** The KeyBackupData object of a stored key. */
    private static ObjectNode json(SessionKey key) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("first_message_index", key.firstMessageIndex());
        out.put("forwarded_count", key.forwardedCount());
        out.put("is_verified", key.verified());
        out.set("session_data", key.sessionData());
        return out;
    }

    /** Keys grouped as {@code rooms.<room>.sessions.<session>}. */
    private static ObjectNode roomsJson(List<SessionKey> keys) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        ObjectNode rooms = out.putObject("rooms");
        for (SessionKey key : keys) {
            JsonNode room = rooms.get(key.room().value());
            ObjectNode sessions = room != null ? (ObjectNode) room.get("sessions")
                    : rooms.putObject(key.room().value()).putObject("sessions");
            sessions.set(key.sessionId(), json(key));
        }
        return out;
    }

    /** The sessions of a {@code RoomKeyBackup} object ({@code sessions.<session>}). */
    private static List<SessionKey> sessions(RoomId room, JsonNode roomBackup) {
        if (!roomBackup.path("sessions").isObject()) {
            throw MatrixException.badJson("A room's backup needs a sessions object");
        }
        List<SessionKey> out = new ArrayList<>();
        roomBackup.path("sessions").properties().forEach(s -> out.add(sessionKey(room, s.getKey(), s.getValue())));
        return out;
    }

    private Version existing(UserId user, String version) {
        return parse(version).flatMap(n -> store.version(user, n))
                .orElseThrow(() -> MatrixException.notFound("Unknown backup version"));
    }

    private static ObjectNode counts(Version v) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("count", v.count());
        out.put("etag", Long.toString(v.etag()));
        return out;
    }

    private static Optional<Long> parse(String version) {
        try {
            long n = Long.parseLong(version);
            return n > 0 ? Optional.of(n) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String algorithm(ObjectNode body) {
        if (!body.path("algorithm").isTextual()) {
            throw MatrixException.badJson("algorithm must be a string");
        }
        return body.path("algorithm").asText();
    }

    private static ObjectNode authData(ObjectNode body) {
        if (!(body.get("auth_data") instanceof ObjectNode authData)) {
            throw MatrixException.badJson("auth_data must be an object");
        }
        return authData;
    }
}
