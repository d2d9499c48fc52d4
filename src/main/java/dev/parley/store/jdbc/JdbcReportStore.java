package dev.parley.store.jdbc;

import dev.parley.core.id.EventId;
import dev.parley.core.id.RoomId;
import dev.parley.core.id.UserId;
import dev.parley.store.ReportFilter;
import dev.parley.store.ReportRow;
import dev.parley.store.ReportStore;
import dev.parley.store.UserReportRow;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

public final class JdbcReportStore implements ReportStore {
    private static final String COLUMNS = "id, received_ts, room_id, event_id, user_id, reason, score";
    private static final String USER_COLUMNS = "id, received_ts, target_user_id, user_id, reason";

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
    public List<ReportRow> page(boolean events, ReportFilter filter, long offset, int limit, boolean oldestFirst) {
        Where where = where(kind(events), filter, "room_id");
        return db.read(c -> Sql.list(c, "SELECT " + COLUMNS + " FROM reports WHERE " + where.sql() + order(oldestFirst),
                JdbcReportStore::row, where.paging(limit, offset)));
    }

    @Override
    public long count(boolean events, ReportFilter filter) {
        Where where = where(kind(events), filter, "room_id");
        return db.read(c -> Sql.count(c, "SELECT COUNT(*) FROM reports WHERE " + where.sql(), where.params().toArray()));
    }

    @Override
    public Optional<ReportRow> report(long id) {
        return db.read(c -> Sql.one(c, "SELECT " + COLUMNS + " FROM reports WHERE id = ?", JdbcReportStore::row, id));
    }

    @Override
    public Set<RoomId> reportedRooms(boolean events) {
        return new HashSet<>(db.read(c -> Sql.list(c, "SELECT DISTINCT room_id FROM reports WHERE " + kind(events),
                rs -> RoomId.parse(rs.getString(1)))));
    }

    @Override
    public boolean deleteEventReport(long id) {
        return db.write(c -> Sql.update(c, "DELETE FROM reports WHERE id = ? AND event_id IS NOT NULL", id) > 0);
    }

    @Override
    public long addUserReport(UserId target, UserId reporter, String reason, long receivedTs) {
        return db.write(c -> {
            long id = StreamCounters.advance(c, StreamCounters.REPORTS, 1);
            Sql.update(c, "INSERT INTO user_reports (" + USER_COLUMNS + ") VALUES (?, ?, ?, ?, ?)", id, receivedTs,
                    target.value(), reporter.value(), reason);
            return id;
        });
    }

    @Override
    public List<UserReportRow> userReports(ReportFilter filter, long offset, int limit, boolean oldestFirst) {
        Where where = where("1 = 1", filter, "target_user_id");
        return db.read(c -> Sql.list(c, "SELECT " + USER_COLUMNS + " FROM user_reports WHERE " + where.sql()
                + order(oldestFirst), JdbcReportStore::userRow, where.paging(limit, offset)));
    }

    @Override
    public long countUserReports(ReportFilter filter) {
        Where where = where("1 = 1", filter, "target_user_id");
        return db.read(c -> Sql.count(c, "SELECT COUNT(*) FROM user_reports WHERE " + where.sql(), where.params().toArray()));
    }

    private static String kind(boolean events) {
        return events ? "event_id IS NOT NULL" : "event_id IS NULL";
    }

    private record Where(String sql, List<Object> params) {
        Object[] paging(int limit, long offset) {
            List<Object> all = new ArrayList<>(params);
            all.add(limit);
            all.add(offset);
            return all.toArray();
        }
    }

    /**
     * The kind condition and the filter's substring matches, case-insensitive on both databases
     * (SQLite's LIKE ignores ASCII case, PostgreSQL's does not, so both sides are lowered).
     * {@code subjectColumn} is what {@link ReportFilter#roomId()} or {@link ReportFilter#target()} matches.
     */
    private static Where where(String kind, ReportFilter filter, String subjectColumn) {
        StringBuilder sql = new StringBuilder(kind);
        List<Object> params = new ArrayList<>();
        filter.reporter().ifPresent(s -> contains(sql, params, "user_id", s));
        (subjectColumn.equals("room_id") ? filter.roomId() : filter.target())
                .ifPresent(s -> contains(sql, params, subjectColumn, s));
        filter.rooms().ifPresent(rooms -> {
            if (rooms.isEmpty()) {
                sql.append(" AND 1 = 0");
                return;
            }
            sql.append(" AND room_id IN (").append(String.join(", ", Collections.nCopies(rooms.size(), "?"))).append(')');
            rooms.forEach(room -> params.add(room.value()));
        });
        return new Where(sql.toString(), params);
    }

    private static void contains(StringBuilder sql, List<Object> params, String column, String term) {
        String escaped = term.toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        sql.append(" AND LOWER(").append(column).append(") LIKE ? ESCAPE '\\'");
        params.add("%" + escaped + "%");
    }

    private static String order(boolean oldestFirst) {
        return " ORDER BY id " + (oldestFirst ? "ASC" : "DESC") + " LIMIT ? OFFSET ?";
    }

    private static ReportRow row(ResultSet rs) throws SQLException {
        int score = rs.getInt("score");
        Optional<Integer> optionalScore = rs.wasNull() ? Optional.empty() : Optional.of(score);
        return new ReportRow(rs.getLong("id"), rs.getLong("received_ts"), RoomId.parse(rs.getString("room_id")),
                Optional.ofNullable(rs.getString("event_id")).map(EventId::parse), UserId.parse(rs.getString("user_id")),
                Optional.ofNullable(rs.getString("reason")), optionalScore);
    }

    private static UserReportRow userRow(ResultSet rs) throws SQLException {
        return new UserReportRow(rs.getLong("id"), rs.getLong("received_ts"), UserId.parse(rs.getString("target_user_id")),
                UserId.parse(rs.getString("user_id")), rs.getString("reason"));
    }
}
