package dev.parley.store.jdbc;

import dev.parley.core.id.RoomId;
import dev.parley.core.id.UserId;
import dev.parley.store.DeviceListStore;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

public final class JdbcDeviceListStore implements DeviceListStore {
    private final Database db;

    public JdbcDeviceListStore(Database db) {
        this.db = db;
    }

    @Override
    public long deviceChanged(UserId user) {
        return db.write(c -> DeviceListRows.append(c, user));
    }

    @Override
    public long membershipChanged(UserId user, RoomId room, String membership) {
        return db.write(c -> {
            long position = StreamCounters.advance(c, StreamCounters.DEVICE_LISTS, 1);
            Sql.update(c, "INSERT INTO device_list_stream (stream_pos, user_id, room_id, membership) VALUES (?, ?, ?, ?)",
                    position, user.value(), room.value(), membership);
            return position;
        });
    }

    @Override
    public List<Change> changes(long after, long upTo) {
        return db.read(c -> Sql.list(c, """
                SELECT stream_pos, user_id, room_id, membership FROM device_list_stream
                WHERE stream_pos > ? AND stream_pos <= ? ORDER BY stream_pos""",
                rs -> new Change(rs.getLong(1), UserId.parse(rs.getString(2)),
                        Optional.ofNullable(rs.getString(3)).map(RoomId::parse), Optional.ofNullable(rs.getString(4))),
                after, upTo));
    }

    @Override
    public Set<UserId> usersSharingRooms(UserId user) {
        return db.read(c -> {
            Set<UserId> users = new HashSet<>(Sql.list(c, """
                    SELECT DISTINCT other.state_key FROM current_state mine
                    JOIN current_state other ON other.room_id = mine.room_id
                    WHERE mine.type = 'm.room.member' AND mine.state_key = ? AND mine.membership = 'join'
                    AND other.type = 'm.room.member' AND other.membership = 'join'""",
                    rs -> UserId.parse(rs.getString(1)), user.value()));
            users.add(user);
            return users;
        });
    }

    @Override
    public long position() {
        return db.read(c -> StreamCounters.current(c, StreamCounters.DEVICE_LISTS));
    }
}
