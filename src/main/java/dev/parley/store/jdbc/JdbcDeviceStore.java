package dev.parley.store.jdbc;

import dev.parley.core.id.UserId;
import dev.parley.store.DeviceRow;
import dev.parley.store.DeviceStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

public final class JdbcDeviceStore implements DeviceStore {
    private static final String COLUMNS =
            "user_id, device_id, display_name, created_ts, last_seen_ts, last_seen_ip, last_seen_user_agent";

    private final Database db;

    public JdbcDeviceStore(Database db) {
        this.db = db;
    }

    @Override
    public boolean create(DeviceRow d) {
        return db.write(c -> Sql.update(c, "INSERT INTO devices (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT (user_id, device_id) DO NOTHING",
                d.userId().value(), d.deviceId(), d.displayName(), d.createdTs(), d.lastSeenTs(), d.lastSeenIp(),
                d.lastSeenUserAgent()) == 1);
    }

    @Override
    public Optional<DeviceRow> find(UserId userId, String deviceId) {
        return db.read(c -> Sql.one(c, "SELECT " + COLUMNS + " FROM devices WHERE user_id = ? AND device_id = ?",
                JdbcDeviceStore::row, userId.value(), deviceId));
    }

    @Override
    public List<DeviceRow> list(UserId userId) {
        return db.read(c -> Sql.list(c, "SELECT " + COLUMNS + " FROM devices WHERE user_id = ? ORDER BY device_id",
                JdbcDeviceStore::row, userId.value()));
    }

    @Override
    public boolean setDisplayName(UserId userId, String deviceId, Optional<String> displayName) {
        return db.write(c -> Sql.update(c, "UPDATE devices SET display_name = ? WHERE user_id = ? AND device_id = ?",
                displayName, userId.value(), deviceId) == 1);
    }

    @Override
    public void delete(UserId userId, Collection<String> deviceIds) {
        db.write(c -> {
            List<String> deleted = new java.util.ArrayList<>();
            for (String deviceId : deviceIds) {
                if (Sql.update(c, "DELETE FROM devices WHERE user_id = ? AND device_id = ?", userId.value(), deviceId) > 0) {
                    deleted.add(deviceId);
                }
            }
            if (!deleted.isEmpty()) {
                DeviceListRows.devicesDeleted(c, userId, deleted);
            }
            return null;
        });
    }

    @Override
    public void deleteAllExcept(UserId userId, Optional<String> keep) {
        db.write(c -> {
            List<String> deleted = Sql.list(c, "SELECT device_id FROM devices WHERE user_id = ?", rs -> rs.getString(1),
                    userId.value()).stream().filter(id -> keep.map(k -> !k.equals(id)).orElse(true)).toList();
            int count = keep.isPresent()
                    ? Sql.update(c, "DELETE FROM devices WHERE user_id = ? AND device_id <> ?", userId.value(), keep.get())
                    : Sql.update(c, "DELETE FROM devices WHERE user_id = ?", userId.value());
            if (!deleted.isEmpty()) {
                DeviceListRows.devicesDeleted(c, userId, deleted);
            }
            return count;
        });
    }

    @Override
    public void recordLastSeen(Collection<LastSeen> seen) {
        if (seen.isEmpty()) {
            return;
        }
        db.write(c -> {
            for (LastSeen s : seen) {
                Sql.update(c, """
                        UPDATE devices SET last_seen_ts = ?, last_seen_ip = ?, last_seen_user_agent = ?
                        WHERE user_id = ? AND device_id = ?""", s.ts(), s.ip(), s.userAgent(), s.userId().value(), s.deviceId());
            }
            return null;
        });
    }

    private static DeviceRow row(ResultSet rs) throws SQLException {
        return new DeviceRow(UserId.parse(rs.getString("user_id")), rs.getString("device_id"),
                Optional.ofNullable(rs.getString("display_name")), rs.getLong("created_ts"),
                Sql.optionalLong(rs, "last_seen_ts"), Optional.ofNullable(rs.getString("last_seen_ip")),
                Optional.ofNullable(rs.getString("last_seen_user_agent")));
    }
}
