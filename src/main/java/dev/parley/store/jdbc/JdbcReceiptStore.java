package dev.parley.store.jdbc;

import dev.parley.core.id.EventId;
import dev.parley.core.id.RoomId;
import dev.parley.core.id.UserId;
import dev.parley.store.ReceiptRow;
import dev.parley.store.ReceiptStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

public final class JdbcReceiptStore implements ReceiptStore {
    /** The thread_id column's value for an unthreaded receipt. */
    private static final String UNTHREADED = "";
    /** Rooms per query, well below both databases' bound-parameter limits. */
    private static final int ROOMS_PER_QUERY = 200;

    private final Database db;

    public JdbcReceiptStore(Database db) {
        this.db = db;
    }

    @Override
    public OptionalLong put(RoomId room, String receiptType, UserId user, Optional<String> threadId, EventId eventId,
                            long eventPosition, long ts) {
        return db.write(c -> {
            // A position skipped because the receipt did not move is harmless: positions only need to grow.
            long position = StreamCounters.advance(c, StreamCounters.RECEIPTS, 1);
            int changed = Sql.update(c, """
                    INSERT INTO receipts (room_id, receipt_type, user_id, thread_id, event_id, event_position, ts, stream_pos)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (room_id, receipt_type, user_id, thread_id) DO UPDATE SET event_id = excluded.event_id,
                        event_position = excluded.event_position, ts = excluded.ts, stream_pos = excluded.stream_pos
                    WHERE receipts.event_position < excluded.event_position""",
                    room.value(), receiptType, user.value(), threadId.orElse(UNTHREADED), eventId.value(), eventPosition,
                    ts, position);
            return changed == 0 ? OptionalLong.empty() : OptionalLong.of(position);
        });
    }

    @Override
    public List<ReceiptRow> inRooms(Collection<RoomId> rooms, long after, long upTo) {
        List<RoomId> all = List.copyOf(rooms);
        List<ReceiptRow> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i += ROOMS_PER_QUERY) {
            List<RoomId> chunk = all.subList(i, Math.min(all.size(), i + ROOMS_PER_QUERY));
            Object[] params = new Object[chunk.size() + 2];
            for (int j = 0; j < chunk.size(); j++) {
                params[j] = chunk.get(j).value();
            }
            params[chunk.size()] = after;
            params[chunk.size() + 1] = upTo;
            String marks = String.join(", ", java.util.Collections.nCopies(chunk.size(), "?"));
            out.addAll(db.read(c -> Sql.list(c, "SELECT * FROM receipts WHERE room_id IN (" + marks + ")"
                    + " AND stream_pos > ? AND stream_pos <= ? ORDER BY stream_pos", JdbcReceiptStore::row, params)));
        }
        out.sort(Comparator.comparingLong(ReceiptRow::streamPos));
        return out;
    }

    @Override
    public long position() {
        return db.read(c -> StreamCounters.current(c, StreamCounters.RECEIPTS));
    }

    private static ReceiptRow row(ResultSet rs) throws SQLException {
        String thread = rs.getString("thread_id");
        return new ReceiptRow(RoomId.parse(rs.getString("room_id")), rs.getString("receipt_type"),
                UserId.parse(rs.getString("user_id")), thread.equals(UNTHREADED) ? Optional.empty() : Optional.of(thread),
                EventId.parse(rs.getString("event_id")), rs.getLong("event_position"), rs.getLong("ts"),
                rs.getLong("stream_pos"));
    }
}
