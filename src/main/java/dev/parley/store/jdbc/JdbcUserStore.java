package dev.parley.store.jdbc;

import dev.parley.core.id.UserId;
import dev.parley.store.ModeratedUserRow;
import dev.parley.store.UserRow;
import dev.parley.store.UserStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

public final class JdbcUserStore implements UserStore {
    private final Database db;

    public JdbcUserStore(Database db) {
        this.db = db;
    }

    @Override
    public boolean create(UserRow user) {
        return db.write(c -> Sql.update(c, """
                INSERT INTO users (user_id, password_hash, admin, guest, deactivated, created_ts)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (user_id) DO NOTHING""",
                user.userId().value(), user.passwordHash(), user.admin(), user.guest(), user.deactivated(),
                user.createdTs()) == 1);
    }

    @Override
    public Optional<UserRow> find(UserId userId) {
        return db.read(c -> Sql.one(c, """
                SELECT user_id, password_hash, admin, guest, deactivated, created_ts
                FROM users WHERE user_id = ?""", JdbcUserStore::row, userId.value()));
    }

    @Override
    public boolean setAdmin(UserId userId, boolean admin) {
        return db.write(c -> Sql.update(c, "UPDATE users SET admin = ? WHERE user_id = ?", admin, userId.value()) == 1);
    }

    @Override
    public boolean setLocked(UserId userId, boolean locked) {
        return db.write(c -> Sql.update(c, "UPDATE users SET locked = ? WHERE user_id = ?", locked, userId.value()) == 1);
    }

    @Override
    public boolean setSuspended(UserId userId, boolean suspended) {
        return db.write(c -> Sql.update(c, "UPDATE users SET suspended = ? WHERE user_id = ?", suspended,
                userId.value()) == 1);
    }

    @Override
    public List<ModeratedUserRow> moderated() {
        return db.read(c -> Sql.list(c, "SELECT user_id, locked, suspended FROM users WHERE locked OR suspended",
                rs -> new ModeratedUserRow(UserId.parse(rs.getString("user_id")), rs.getBoolean("locked"),
                        rs.getBoolean("suspended"))));
    }

    @Override
    public boolean setPasswordHash(UserId userId, Optional<String> passwordHash) {
        return db.write(c -> Sql.update(c, "UPDATE users SET password_hash = ? WHERE user_id = ?", passwordHash,
                userId.value()) == 1);
    }

    @Override
    public void deactivate(UserId userId) {
        db.write(c -> {
            Sql.update(c, "UPDATE users SET deactivated = TRUE WHERE user_id = ?", userId.value());
            Sql.update(c, "DELETE FROM access_tokens WHERE user_id = ?", userId.value());
            List<String> devices = Sql.list(c, "SELECT device_id FROM devices WHERE user_id = ?", rs -> rs.getString(1),
                    userId.value());
            int deleted = Sql.update(c, "DELETE FROM devices WHERE user_id = ?", userId.value());
            DeviceListRows.devicesDeleted(c, userId, devices);
            return deleted;
        });
    }

    @Override
    public long count() {
        return db.read(c -> Sql.count(c, "SELECT COUNT(*) FROM users"));
    }

    private static UserRow row(ResultSet rs) throws SQLException {
        return new UserRow(UserId.parse(rs.getString("user_id")), Optional.ofNullable(rs.getString("password_hash")),
                rs.getBoolean("admin"), rs.getBoolean("guest"), rs.getBoolean("deactivated"), rs.getLong("created_ts"));
    }
}
