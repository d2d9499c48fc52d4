package dev.parley.store.jdbc;

import dev.parley.core.id.UserId;
import dev.parley.store.ToDeviceMessage;
import dev.parley.store.ToDeviceStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

public final class JdbcToDeviceStore implements ToDeviceStore {
    private final Database db;

    public JdbcToDeviceStore(Database db) {
        this.db = db;
    }

    private record Delivery(UserId user, String deviceId, String content) {
    }

    @Override
    public OptionalLong send(UserId sender, String senderDevice, String txnId, String type, List<Target> targets,
                             long now) {
        return db.write(c -> {
            int fresh = Sql.update(c, """
                    INSERT INTO to_device_transactions (user_id, device_id, txn_id, created_ts) VALUES (?, ?, ?, ?)
                    ON CONFLICT (user_id, device_id, txn_id) DO NOTHING""", sender.value(), senderDevice, txnId, now);
            if (fresh == 0) {
                return OptionalLong.empty();
            }
            List<Delivery> deliveries = new ArrayList<>();
            for (Target target : targets) {
                String content = JsonColumns.write(target.content());
                for (String device : devices(c, target)) {
                    deliveries.add(new Delivery(target.user(), device, content));
                }
            }
            if (deliveries.isEmpty()) {
                return OptionalLong.of(StreamCounters.current(c, StreamCounters.TO_DEVICE));
            }
            long last = StreamCounters.advance(c, StreamCounters.TO_DEVICE, deliveries.size());
            long position = last - deliveries.size();
            for (Delivery d : deliveries) {
                Sql.update(c, """
                        INSERT INTO device_inbox (stream_pos, user_id, device_id, sender, type, content)
                        VALUES (?, ?, ?, ?, ?, ?)""", ++position, d.user().value(), d.deviceId(), sender.value(), type,
                        d.content());
            }
            return OptionalLong.of(last);
        });
    }

    private static List<String> devices(Connection c, Target target) throws SQLException {
        if (target.deviceId().equals(Target.ALL_DEVICES)) {
            return Sql.list(c, "SELECT device_id FROM devices WHERE user_id = ? ORDER BY device_id",
                    rs -> rs.getString(1), target.user().value());
        }
        return Sql.list(c, "SELECT device_id FROM devices WHERE user_id = ? AND device_id = ?",
                rs -> rs.getString(1), target.user().value(), target.deviceId());
    }

    @Override
    public List<ToDeviceMessage> pending(UserId user, String deviceId, long upTo, int limit) {
        return db.read(c -> Sql.list(c, """
                SELECT stream_pos, sender, type, content FROM device_inbox
                WHERE user_id = ? AND device_id = ? AND stream_pos <= ? ORDER BY stream_pos LIMIT ?""",
                rs -> new ToDeviceMessage(rs.getLong(1), UserId.parse(rs.getString(2)), rs.getString(3),
                        JsonColumns.readObject(rs.getString(4))), user.value(), deviceId, upTo, limit));
    }

    @Override
    public OptionalLong oldest(UserId user, String deviceId) {
        return db.read(c -> Sql.one(c, "SELECT MIN(stream_pos) FROM device_inbox WHERE user_id = ? AND device_id = ?",
                rs -> {
                    long value = rs.getLong(1);
                    return rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(value);
                }, user.value(), deviceId).orElse(OptionalLong.empty()));
    }

    @Override
    public int deleteUpTo(UserId user, String deviceId, long upTo) {
        return db.write(c -> Sql.update(c, "DELETE FROM device_inbox WHERE user_id = ? AND device_id = ? AND stream_pos <= ?",
                user.value(), deviceId, upTo));
    }

    @Override
    public long position() {
        return db.read(c -> StreamCounters.current(c, StreamCounters.TO_DEVICE));
    }
}
