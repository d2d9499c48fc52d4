package dev.parley.store.jdbc;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.id.RoomId;
import dev.parley.core.id.UserId;
import dev.parley.store.AccountDataRow;
import dev.parley.store.AccountDataStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

public final class JdbcAccountDataStore implements AccountDataStore {
    /** The room_id column's value for global account data. */
    private static final String GLOBAL = "";

    private final Database db;
    private final AccountDataStream stream;

    /** @param stream the database's account data stream, shared with {@link JdbcPushRuleStore} */
    public JdbcAccountDataStore(Database db, AccountDataStream stream) {
        this.db = db;
        this.stream = stream;
    }

    @Override
    public long put(UserId user, Optional<RoomId> room, String type, ObjectNode content) {
        long written = db.write(c -> {
            long position = AccountDataStream.advance(c, user);
            Sql.update(c, """
                    INSERT INTO account_data (user_id, room_id, data_type, content, stream_pos) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (user_id, room_id, data_type)
                    DO UPDATE SET content = excluded.content, stream_pos = excluded.stream_pos""",
                    user.value(), roomColumn(room), type, JsonColumns.write(content), position);
            return position;
        });
        stream.committed(user, written);
        return written;
    }

    @Override
    public Optional<ObjectNode> get(UserId user, Optional<RoomId> room, String type) {
        return db.read(c -> Sql.one(c, """
                SELECT content FROM account_data WHERE user_id = ? AND room_id = ? AND data_type = ?""",
                rs -> JsonColumns.readObject(rs.getString(1)), user.value(), roomColumn(room), type));
    }

    @Override
    public List<AccountDataRow> changedSince(UserId user, long since) {
        return db.read(c -> Sql.list(c, """
                SELECT room_id, data_type, content, stream_pos FROM account_data
                WHERE user_id = ? AND stream_pos > ? ORDER BY stream_pos""",
                JdbcAccountDataStore::row, user.value(), since));
    }

    @Override
    public long position(UserId user) {
        return stream.current(user);
    }

    private static String roomColumn(Optional<RoomId> room) {
        return room.map(RoomId::value).orElse(GLOBAL);
    }

    private static AccountDataRow row(ResultSet rs) throws SQLException {
        String room = rs.getString("room_id");
        return new AccountDataRow(room.equals(GLOBAL) ? Optional.empty() : Optional.of(RoomId.parse(room)),
                rs.getString("data_type"), JsonColumns.readObject(rs.getString("content")), rs.getLong("stream_pos"));
    }
}
