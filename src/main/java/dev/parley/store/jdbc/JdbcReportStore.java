package dev.parley.store.jdbc;

import dev.parley.core.id.EventId;
import dev.parley.core.id.RoomId;
import dev.parley.core.id.UserId;
import dev.parley.store.ReportRow;
import dev.parley.store.ReportStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

public final class JdbcReportStore implements ReportStore {
    private static final String COLUMNS = "id, received_ts, room_id, event_id, user_id, reason, score";

    private final Database db;

    public JdbcReportStore(Database db) {
        this.db = db;
    }

    @Override
    public long add(RoomId roomId, Optional<EventId> eventId, UserId reporter, Optional<String> reason,
                    Optional<Integer> score, long receivedTs) {
        return db.write(c -> {
            long id = StreamCounters.advance(c, StreamCounters.REPORTS, 1);
            Sql.update(c, "INSERT INTO reports (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)", id, receivedTs,
                    roomId.value(), eventId.map(EventId::value), reporter.value(), reason, score);
            return id;
        });
    }

    @Override
    public List<ReportRow> page(boolean events, long offset, int limit, boolean oldestFirst) {
        return db.read(c -> Sql.list(c, "SELECT " + COLUMNS + " FROM reports WHERE " + kind(events)
                + " ORDER BY id " + (oldestFirst ? "ASC" : "DESC") + " LIMIT ? OFFSET ?", JdbcReportStore::row,
                limit, offset));
    }

    @Override
    public long count(boolean events) {
        return db.read(c -> Sql.count(c, "SELECT COUNT(*) FROM reports WHERE " + kind(events)));
    }

    @Override
    public Optional<ReportRow> report(long id) {
        return db.read(c -> Sql.one(c, "SELECT " + COLUMNS + " FROM reports WHERE id = ?", JdbcReportStore::row, id));
    }

    private static String kind(boolean events) {
        return events ? "event_id IS NOT NULL" : "event_id IS NULL";
    }

    private static ReportRow row(ResultSet rs) throws SQLException {
        int score = rs.getInt("score");
        Optional<Integer> optionalScore = rs.wasNull() ? Optional.empty() : Optional.of(score);
        return new ReportRow(rs.getLong("id"), rs.getLong("received_ts"), RoomId.parse(rs.getString("room_id")),
                Optional.ofNullable(rs.getString("event_id")).map(EventId::parse), UserId.parse(rs.getString("user_id")),
                Optional.ofNullable(rs.getString("reason")), optionalScore);
    }
}
