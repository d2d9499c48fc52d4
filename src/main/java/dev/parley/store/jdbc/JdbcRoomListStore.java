package dev.parley.store.jdbc;

import dev.parley.core.auth.StateKey;
import dev.parley.core.id.EventId;
import dev.parley.core.id.RoomId;
import dev.parley.core.id.UserId;
import dev.parley.store.RoomListStore;
import dev.parley.store.StoredEvent;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

public final class JdbcRoomListStore implements RoomListStore {
    /**
     * Rooms per query: well below both databases' bound-parameter limits, and SQLite's 500 terms of
     * a compound SELECT (on PostgreSQL {@link #countUnread} glues one per room).
     */
    private static final int ROOMS_PER_QUERY = 200;

    private final Database db;

    private final RecentRoomEvents recent;

    /** A store with recent events of its own (never filled, so every question goes to the database). */
    public JdbcRoomListStore(Database db) {
        this(db, new RecentRoomEvents());
    }

    /** {@code recent} is the database's one, filled by the {@link JdbcRoomStore} that writes events. */
    public JdbcRoomListStore(Database db, RecentRoomEvents recent) {
        this.db = db;
        this.recent = recent;
    }

    @Override
    public List<UserRoom> userRooms(UserId user, long upTo) {
        // The newest event per room as latest() finds it, a seek on (room_id, stream_ordering),
        // in the same statement: a room list of thousands costs one round trip, not one per chunk.
        return db.read(c -> Sql.list(c, """
                SELECT cs.room_id, cs.membership, e.stream_ordering, e.sender,
                       (SELECT MAX(l.stream_ordering) FROM events l
                        WHERE l.room_id = cs.room_id AND l.stream_ordering <= ?)
                FROM current_state cs
                JOIN events e ON e.event_id = cs.event_id
                WHERE cs.type = 'm.room.member' AND cs.state_key = ?""",
                rs -> new UserRoom(RoomId.parse(rs.getString(1)), rs.getString(2), rs.getLong(3),
                        UserId.parse(rs.getString(4)), rs.getLong(5)), upTo, user.value()));
    }

    @Override
    public Map<RoomId, Long> latestPositionsOfTypes(Collection<RoomId> rooms, Set<String> types, long upTo) {
        Map<RoomId, Long> out = new HashMap<>();
        if (types.isEmpty()) {
            return out;
        }
        inChunks(rooms, chunk -> {
            List<Object> params = new ArrayList<>(types);
            params.add(upTo);
            chunk.forEach(room -> params.add(room.value()));
            // A MAX per room over the (room_id, stream_ordering) index: a seek, however long the history.
            db.read(c -> Sql.list(c, "SELECT r.room_id, (SELECT MAX(e.stream_ordering) FROM events e"
                    + " WHERE e.room_id = r.room_id AND e.type IN (" + marks(types.size()) + ")"
                    + " AND e.stream_ordering <= ?) FROM rooms r"
                    + " WHERE r.room_id IN (" + marks(chunk.size()) + ")", rs -> {
                        long position = rs.getLong(2);
                        if (!rs.wasNull()) {
                            out.put(RoomId.parse(rs.getString(1)), position);
                        }
                        return null;
                    }, params.toArray()));
        });
        return out;
    }

    @Override
    public Map<RoomId, MemberSummary> memberSummaries(UserId user, Collection<RoomId> rooms, int heroes) {
        Map<RoomId, long[]> counts = new HashMap<>();
        Map<RoomId, Map<UserId, EventId>> heroMaps = new HashMap<>();
        inChunks(rooms, chunk -> {
            List<Object> params = new ArrayList<>();
            params.add(user.value());
            chunk.forEach(room -> params.add(room.value()));
            params.add(heroes);
            // The user sorts last, so the first rows of a room are the others in user ID order.
            db.read(c -> Sql.list(c, """
                    SELECT room_id, state_key, event_id, joined, invited FROM (
                      SELECT room_id, state_key, event_id,
                        SUM(CASE WHEN membership = 'join' THEN 1 ELSE 0 END) OVER (PARTITION BY room_id) AS joined,
                        SUM(CASE WHEN membership = 'invite' THEN 1 ELSE 0 END) OVER (PARTITION BY room_id) AS invited,
                        ROW_NUMBER() OVER (PARTITION BY room_id
                                           ORDER BY CASE WHEN state_key = ? THEN 1 ELSE 0 END, state_key) AS n
                      FROM current_state
                      WHERE room_id IN (""" + marks(chunk.size()) + """
                    ) AND type = 'm.room.member' AND membership IN ('join', 'invite')
                    ) m WHERE n <= ? ORDER BY room_id, n""", rs -> {
                        RoomId room = RoomId.parse(rs.getString(1));
                        counts.put(room, new long[] {rs.getLong(4), rs.getLong(5)});
                        Map<UserId, EventId> found = heroMaps.computeIfAbsent(room, r -> new java.util.LinkedHashMap<>());
                        if (!rs.getString(2).equals(user.value())) {
                            found.put(UserId.parse(rs.getString(2)), EventId.parse(rs.getString(3)));
                        }
                        return null;
                    }, params.toArray()));
        });
        Map<RoomId, MemberSummary> out = new HashMap<>();
        counts.forEach((room, n) -> out.put(room, new MemberSummary(n[0], n[1], heroMaps.get(room))));
        return out;
    }

    @Override
    public Map<RoomId, Map<StateKey, EventId>> currentStateOfTypes(Collection<RoomId> rooms, Set<String> types) {
        Map<RoomId, Map<StateKey, EventId>> out = new HashMap<>();
        if (types.isEmpty()) {
            return out;
        }
        inChunks(rooms, chunk -> {
            List<Object> params = new ArrayList<>();
            chunk.forEach(room -> params.add(room.value()));
            params.addAll(types);
            db.read(c -> Sql.list(c, "SELECT room_id, type, state_key, event_id FROM current_state WHERE room_id IN ("
                    + marks(chunk.size()) + ") AND type IN (" + marks(types.size()) + ")",
                    rs -> out.computeIfAbsent(RoomId.parse(rs.getString(1)), r -> new HashMap<>())
                            .put(new StateKey(rs.getString(2), rs.getString(3)), EventId.parse(rs.getString(4))),
                    params.toArray()));
        });
        return out;
    }

    @Override
    public Map<RoomId, Long> unreadCounts(UserId user, Collection<RoomId> rooms, Set<String> types, long upTo) {
        // The count starts from each room's receipt, so it reads the receipts anyway.
        return types.isEmpty() ? new HashMap<>() : unreadWithReceipts(user, rooms, types, upTo).counts();
    }

    @Override
    public Unread unreadWithReceipts(UserId user, Collection<RoomId> rooms, Set<String> types, long upTo) {
        Map<RoomId, Long> counts = new HashMap<>();
        Map<RoomId, Long> receipts = new HashMap<>();
        // One read each: on SQLite every read after a commit starts with an empty page cache.
        inChunks(rooms, chunk -> db.read(c -> {
            readReceipts(c, user, chunk, receipts);
            return types.isEmpty() ? null : countUnread(c, user, chunk, receipts, types, upTo, counts);
        }));
        return new Unread(counts, receipts);
    }

    /**
     * A room's threshold is the later of its read receipt and the user's own newest event. The
     * receipt, and the user's current membership event when they sent it, are known without
     * reading the room's history, and the threshold is at least both: so each room is read only
     * from there, one index range per room with that position as a bound (a join carrying the
     * bound read every room from its first event). The newest own event in the range, if any,
     * moves the threshold on; others' messages after it are counted. A room whose recent events
     * are all in memory from there ({@link RecentRoomEvents}) is counted without reading it.
     */
    private Void countUnread(Connection c, UserId user, List<RoomId> chunk, Map<RoomId, Long> receipts,
                             Set<String> types, long upTo, Map<RoomId, Long> out) throws SQLException {
        Map<RoomId, Long> ownMemberships = ownMembershipPositions(c, user, chunk);
        Map<RoomId, Long> unknown = new LinkedHashMap<>();
        for (RoomId room : chunk) {
            long from = Math.max(receipts.getOrDefault(room, 0L), ownMemberships.getOrDefault(room, 0L));
            // Up to the newest event, not upTo: the user's own event after upTo still counts as read.
            Optional<List<StoredEvent>> recentEvents = recent.between(room, from, Long.MAX_VALUE);
            if (recentEvents.isPresent()) {
                long count = countUnread(recentEvents.get(), user, types, upTo);
                if (count > 0) {
                    out.put(room, count);
                }
            } else {
                unknown.put(room, from);
            }
        }
        if (unknown.isEmpty()) {
            return null;
        }
        String oneRoom = """
                SELECT ?, COUNT(*) FROM events
                WHERE room_id = ? AND stream_ordering <= ? AND stream_ordering > COALESCE(
                    (SELECT MAX(stream_ordering) FROM events
                     WHERE room_id = ? AND stream_ordering > ? AND sender = ?), ?)
                  AND type IN (""" + marks(types.size()) + ") AND state_key IS NULL AND sender <> ?";
        Sql.RowMapper<Void> counted = rs -> {
            if (rs.getLong(2) > 0) {
                out.put(RoomId.parse(rs.getString(1)), rs.getLong(2));
            }
            return null;
        };
        if (db.dialect() == Dialect.SQLITE) {
            // In process a statement costs no round trip, and one text for every room is prepared
            // once; glued, the text changed with the rooms whose events were in memory, and SQLite
            // prepared it anew each time (see JdbcRoomStore#recentEvents for the same choice).
            for (Map.Entry<RoomId, Long> room : unknown.entrySet()) {
                Sql.list(c, oneRoom, counted, unreadParams(room.getKey(), room.getValue(), user, types, upTo).toArray());
            }
            return null;
        }
        StringBuilder sql = new StringBuilder();
        List<Object> params = new ArrayList<>();
        for (Map.Entry<RoomId, Long> room : unknown.entrySet()) {
            sql.append(sql.isEmpty() ? "" : " UNION ALL ").append(oneRoom);
            params.addAll(unreadParams(room.getKey(), room.getValue(), user, types, upTo));
        }
        Sql.list(c, sql.toString(), counted, params.toArray());
        return null;
    }

    private static List<Object> unreadParams(RoomId room, long from, UserId user, Set<String> types, long upTo) {
        List<Object> params = new ArrayList<>(List.of(room.value(), room.value(), upTo, room.value(), from, user.value(), from));
        params.addAll(types);
        params.add(user.value());
        return params;
    }

    /** The same count over every event of a room after its lower bound, oldest first. */
    private static long countUnread(List<StoredEvent> events, UserId user, Set<String> types, long upTo) {
        long threshold = Long.MIN_VALUE;
        for (StoredEvent e : events) {
            if (e.pdu().sender().equals(user)) {
                threshold = e.streamOrdering();
            }
        }
        long count = 0;
        for (StoredEvent e : events) {
            if (e.streamOrdering() > threshold && e.streamOrdering() <= upTo && !e.pdu().isState()
                    && types.contains(e.pdu().type()) && !e.pdu().sender().equals(user)) {
                count++;
            }
        }
        return count;
    }

    /** Per room, the position of the user's current membership event if the user sent it; rooms where not, absent. */
    private static Map<RoomId, Long> ownMembershipPositions(Connection c, UserId user, List<RoomId> chunk)
            throws SQLException {
        List<Object> params = new ArrayList<>();
        chunk.forEach(room -> params.add(room.value()));
        params.add(user.value());
        params.add(user.value());
        Map<RoomId, Long> out = new HashMap<>();
        Sql.list(c, "SELECT cs.room_id, e.stream_ordering FROM current_state cs"
                + " JOIN events e ON e.event_id = cs.event_id WHERE cs.room_id IN (" + marks(chunk.size()) + ")"
                + " AND cs.type = 'm.room.member' AND cs.state_key = ? AND e.sender = ?",
                rs -> out.put(RoomId.parse(rs.getString(1)), rs.getLong(2)), params.toArray());
        return out;
    }

    @Override
    public Map<RoomId, Long> readReceiptPositions(UserId user, Collection<RoomId> rooms) {
        Map<RoomId, Long> out = new HashMap<>();
        inChunks(rooms, chunk -> db.read(c -> readReceipts(c, user, chunk, out)));
        return out;
    }

    private static Void readReceipts(Connection c, UserId user, List<RoomId> chunk, Map<RoomId, Long> out)
            throws SQLException {
        List<Object> params = new ArrayList<>();
        params.add(user.value());
        chunk.forEach(room -> params.add(room.value()));
        Sql.list(c, readReceipts(chunk.size()), rs -> out.put(RoomId.parse(rs.getString(1)), rs.getLong(2)),
                params.toArray());
        return null;
    }

    @Override
    public List<EventBrief> eventsBetween(Collection<RoomId> rooms, long after, long upTo) {
        List<EventBrief> out = new ArrayList<>();
        List<RoomId> unknown = new ArrayList<>();
        for (RoomId room : rooms) {
            recent.between(room, after, upTo).ifPresentOrElse(events -> events.forEach(e -> out.add(new EventBrief(
                    room, e.streamOrdering(), e.pdu().sender(), e.pdu().type(), e.pdu().isState()))), () -> unknown.add(room));
        }
        inChunks(unknown, chunk -> {
            List<Object> params = new ArrayList<>();
            chunk.forEach(room -> params.add(room.value()));
            params.add(after);
            params.add(upTo);
            db.read(c -> Sql.list(c, "SELECT room_id, stream_ordering, sender, type, state_key IS NOT NULL FROM events"
                    + " WHERE room_id IN (" + marks(chunk.size()) + ") AND stream_ordering > ? AND stream_ordering <= ?",
                    rs -> out.add(new EventBrief(RoomId.parse(rs.getString(1)), rs.getLong(2),
                            UserId.parse(rs.getString(3)), rs.getString(4), rs.getBoolean(5))), params.toArray()));
        });
        out.sort(Comparator.comparingLong(EventBrief::position));
        return out;
    }

    /**
     * Per room of {@code rooms} (as many parameters, after the user's), the position of the user's
     * newest unthreaded read receipt, public or private: columns {@code room_id}, {@code pos}.
     */
    private static String readReceipts(int rooms) {
        return "SELECT room_id, MAX(event_position) AS pos FROM receipts WHERE user_id = ?"
                + " AND receipt_type IN ('m.read', 'm.read.private') AND thread_id = ''"
                + " AND room_id IN (" + marks(rooms) + ") GROUP BY room_id";
    }

    private static void inChunks(Collection<RoomId> rooms, java.util.function.Consumer<List<RoomId>> work) {
        List<RoomId> all = List.copyOf(rooms);
        for (int i = 0; i < all.size(); i += ROOMS_PER_QUERY) {
            work.accept(all.subList(i, Math.min(all.size(), i + ROOMS_PER_QUERY)));
        }
    }

    private static String marks(int n) {
        return String.join(", ", Collections.nCopies(n, "?"));
    }
}
