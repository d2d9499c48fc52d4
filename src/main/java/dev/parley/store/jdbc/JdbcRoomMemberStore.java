package dev.parley.store.jdbc;

import dev.parley.core.id.EventId;
import dev.parley.core.id.RoomId;
import dev.parley.core.id.UserId;
import dev.parley.store.RoomMemberStore;
import java.util.List;

public final class JdbcRoomMemberStore implements RoomMemberStore {
    /** A forgotten mark counts while the membership event it was made on is still current. */
    private static final String STILL_FORGOTTEN = """
            FROM forgotten_rooms f JOIN current_state cs ON cs.room_id = f.room_id AND cs.type = 'm.room.member'
                AND cs.state_key = f.user_id AND cs.event_id = f.event_id
            WHERE f.user_id = ?""";

    private final Database db;

    public JdbcRoomMemberStore(Database db) {
        this.db = db;
    }

    @Override
    public List<UserId> joinedMembers(RoomId roomId) {
        return db.read(c -> Sql.list(c, """
                SELECT state_key FROM current_state WHERE room_id = ? AND type = 'm.room.member' AND membership = 'join'
                ORDER BY state_key""", rs -> UserId.parse(rs.getString(1)), roomId.value()));
    }

    @Override
    public List<RoomId> joinedRooms(UserId userId) {
        return db.read(c -> Sql.list(c, """
                SELECT room_id FROM current_state WHERE type = 'm.room.member' AND state_key = ? AND membership = 'join'
                ORDER BY room_id""", rs -> RoomId.parse(rs.getString(1)), userId.value()));
    }

    @Override
    public void forget(UserId userId, RoomId roomId, EventId membershipEvent) {
        db.write(c -> Sql.update(c, """
                INSERT INTO forgotten_rooms (user_id, room_id, event_id) VALUES (?, ?, ?)
                ON CONFLICT (user_id, room_id) DO UPDATE SET event_id = excluded.event_id""",
                userId.value(), roomId.value(), membershipEvent.value()));
    }

    @Override
    public boolean isForgotten(UserId userId, RoomId roomId) {
        return db.read(c -> Sql.count(c, "SELECT COUNT(*) " + STILL_FORGOTTEN + " AND f.room_id = ?",
                userId.value(), roomId.value()) > 0);
    }

    @Override
    public List<RoomId> forgottenRooms(UserId userId) {
        return db.read(c -> Sql.list(c, "SELECT f.room_id " + STILL_FORGOTTEN + " ORDER BY f.room_id",
                rs -> RoomId.parse(rs.getString(1)), userId.value()));
    }
}
