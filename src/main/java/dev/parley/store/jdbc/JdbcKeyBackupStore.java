package dev.parley.store.jdbc;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.id.RoomId;
import dev.parley.core.id.UserId;
import dev.parley.store.KeyBackupStore;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

public final class JdbcKeyBackupStore implements KeyBackupStore {
    private final Database db;

    public JdbcKeyBackupStore(Database db) {
        this.db = db;
    }

    @Override
    public long create(UserId user, String algorithm, ObjectNode authData) {
        return db.write(c -> {
            UserRowLock.lock(c, db.dialect(), user);
            long next = Sql.count(c, "SELECT COALESCE(MAX(version), 0) FROM room_key_backup_versions WHERE user_id = ?",
                    user.value()) + 1;
            Sql.update(c, """
                    INSERT INTO room_key_backup_versions (user_id, version, algorithm, auth_data, etag, deleted)
                    VALUES (?, ?, ?, ?, 0, FALSE)""", user.value(), next, algorithm, JsonColumns.write(authData));
            return next;
        });
    }

    @Override
    public Optional<Version> current(UserId user) {
        return db.read(c -> current(c, user));
    }

    private static Optional<Version> current(Connection c, UserId user) throws SQLException {
        Optional<Long> newest = Sql.one(c, """
                SELECT version FROM room_key_backup_versions WHERE user_id = ? AND deleted = FALSE
                ORDER BY version DESC""", rs -> rs.getLong(1), user.value());
        return newest.isEmpty() ? Optional.empty() : version(c, user, newest.get());
    }

    @Override
    public Optional<Version> version(UserId user, long version) {
        return db.read(c -> version(c, user, version));
    }

    private static Optional<Version> version(Connection c, UserId user, long version) throws SQLException {
        return Sql.one(c, """
                SELECT v.version, v.algorithm, v.auth_data, v.etag,
                       (SELECT COUNT(*) FROM room_key_backup_keys k WHERE k.user_id = v.user_id AND k.version = v.version)
                FROM room_key_backup_versions v WHERE v.user_id = ? AND v.version = ? AND v.deleted = FALSE""",
                rs -> new Version(rs.getLong(1), rs.getString(2), JsonColumns.readObject(rs.getString(3)), rs.getLong(4),
                        rs.getLong(5)), user.value(), version);
    }

    @Override
    public boolean update(UserId user, long version, ObjectNode authData) {
        return db.write(c -> Sql.update(c, """
                UPDATE room_key_backup_versions SET auth_data = ? WHERE user_id = ? AND version = ? AND deleted = FALSE""",
                JsonColumns.write(authData), user.value(), version) == 1);
    }

    @Override
    public boolean delete(UserId user, long version) {
        return db.write(c -> {
            Sql.update(c, "DELETE FROM room_key_backup_keys WHERE user_id = ? AND version = ?", user.value(), version);
            return Sql.update(c, """
                    UPDATE room_key_backup_versions SET deleted = TRUE WHERE user_id = ? AND version = ? AND deleted = FALSE""",
                    user.value(), version) == 1;
        });
    }

    @Override
    public Optional<Version> put(UserId user, long version, List<SessionKey> keys) {
        return db.write(c -> {
            UserRowLock.lock(c, db.dialect(), user);
            Optional<Version> current = current(c, user);
            if (current.isEmpty() || current.get().version() != version) {
                return Optional.<Version>empty();
            }
            boolean changed = false;
            for (SessionKey key : keys) {
                Optional<SessionKey> stored = Sql.one(c, SELECT_KEYS + " AND room_id = ? AND session_id = ?",
                        JdbcKeyBackupStore::key, user.value(), version, key.room().value(), key.sessionId());
                if (stored.isPresent() && !better(key, stored.get())) {
                    continue;
                }
                Sql.update(c, """
                        INSERT INTO room_key_backup_keys (user_id, version, room_id, session_id, first_message_index,
                            forwarded_count, is_verified, session_data) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (user_id, version, room_id, session_id) DO UPDATE SET
                            first_message_index = excluded.first_message_index, forwarded_count = excluded.forwarded_count,
                            is_verified = excluded.is_verified, session_data = excluded.session_data""",
                        user.value(), version, key.room().value(), key.sessionId(), key.firstMessageIndex(),
                        key.forwardedCount(), key.verified(), JsonColumns.write(key.sessionData()));
                changed = true;
            }
            if (changed) {
                bumpEtag(c, user, version);
            }
            return version(c, user, version);
        });
    }

    /**
     * "Server-side key backups": keep the verified key; between equals the lower
     * first_message_index; then the lower forwarded_count. A tie keeps the stored key.
     */
    private static boolean better(SessionKey candidate, SessionKey stored) {
        if (candidate.verified() != stored.verified()) {
            return candidate.verified();
        }
        if (candidate.firstMessageIndex() != stored.firstMessageIndex()) {
            return candidate.firstMessageIndex() < stored.firstMessageIndex();
        }
        return candidate.forwardedCount() < stored.forwardedCount();
    }

    private static void bumpEtag(Connection c, UserId user, long version) throws SQLException {
        Sql.update(c, "UPDATE room_key_backup_versions SET etag = etag + 1 WHERE user_id = ? AND version = ?",
                user.value(), version);
    }

    private static final String SELECT_KEYS = """
            SELECT room_id, session_id, first_message_index, forwarded_count, is_verified, session_data
            FROM room_key_backup_keys WHERE user_id = ? AND version = ?""";

    private static SessionKey key(ResultSet rs) throws SQLException {
        return new SessionKey(RoomId.parse(rs.getString(1)), rs.getString(2), rs.getLong(3), rs.getLong(4),
                rs.getBoolean(5), JsonColumns.readObject(rs.getString(6)));
    }

    @Override
    public List<SessionKey> keys(UserId user, long version, Optional<RoomId> room, Optional<String> sessionId) {
        return db.read(c -> {
            List<Object> params = new ArrayList<>(List.of(user.value(), version));
            String sql = SELECT_KEYS + narrowing(room, sessionId, params) + " ORDER BY room_id, session_id";
            return Sql.list(c, sql, JdbcKeyBackupStore::key, params.toArray());
        });
    }

    @Override
    public Optional<Version> deleteKeys(UserId user, long version, Optional<RoomId> room, Optional<String> sessionId) {
        return db.write(c -> {
            if (version(c, user, version).isEmpty()) {
                return Optional.<Version>empty();
            }
            List<Object> params = new ArrayList<>(List.of(user.value(), version));
            String sql = "DELETE FROM room_key_backup_keys WHERE user_id = ? AND version = ?"
                    + narrowing(room, sessionId, params);
            if (Sql.update(c, sql, params.toArray()) > 0) {
                bumpEtag(c, user, version);
            }
            return version(c, user, version);
        });
    }

    private static String narrowing(Optional<RoomId> room, Optional<String> sessionId, List<Object> params) {
        StringBuilder sql = new StringBuilder();
        room.ifPresent(r -> {
            sql.append(" AND room_id = ?");
            params.add(r.value());
        });
        sessionId.ifPresent(s -> {
            sql.append(" AND session_id = ?");
            params.add(s);
        });
        return sql.toString();
    }

    @Override
    public void deleteAll(UserId user) {
        db.write(c -> {
            Sql.update(c, "DELETE FROM room_key_backup_keys WHERE user_id = ?", user.value());
            return Sql.update(c, "UPDATE room_key_backup_versions SET deleted = TRUE WHERE user_id = ?", user.value());
        });
    }
}
