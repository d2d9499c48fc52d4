package dev.parley.store.jdbc;

import dev.parley.core.id.RoomId;
import dev.parley.core.id.UserId;
import dev.parley.store.PresenceRow;
import dev.parley.store.PresenceStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Presence rows, with the visibility questions answered by joining the rooms' current
 * memberships ({@code current_state.membership}), so "who shares a room with whom" is one
 * indexed query rather than a walk over every room's member list.
 */
public final class JdbcPresenceStore implements PresenceStore {
    private static final int ROOMS_PER_QUERY = 200;
    /** Users who share a joined room with the user bound to the parameter. */
    private static final String SHARING = """
            SELECT theirs.state_key FROM current_state mine
            JOIN current_state theirs ON theirs.room_id = mine.room_id
            WHERE mine.state_key = ? AND mine.type = 'm.room.member' AND mine.membership = 'join'
              AND theirs.type = 'm.room.member' AND theirs.membership = 'join'""";

    /**
     * Whether the changed user {@code p} shares a joined room with the user bound to the
     * parameter: from the changed user's memberships (index on state_key) to the observer's
     * membership in the same room (primary key), so it costs the changed user's rooms.
     */
    private static final String SHARES_WITH_CHANGED = """
            EXISTS (SELECT 1 FROM current_state theirs
              JOIN current_state mine ON mine.room_id = theirs.room_id AND mine.type = 'm.room.member'
                AND mine.state_key = ? AND mine.membership = 'join'
              WHERE theirs.state_key = p.user_id AND theirs.membership = 'join' AND theirs.type = 'm.room.member')""";
    /**
     * Up to this many changes since the observer's last sync, walk the changed rows and check each
     * one; past it (an initial sync, a long absence), walk the observer's co-members instead.
     * An incremental /sync in a room of 1,000 sees a handful of changes, and walking all 1,000
     * co-members on each one was a quarter of the server's CPU in the fan-out benchmark.
     */
    static final long CHANGES_WALKED = 256;

    private final Database db;

    public JdbcPresenceStore(Database db) {
        this.db = db;
    }

    @Override
    public long put(UserId user, String state, Optional<String> statusMsg, long lastActiveTs, boolean currentlyActive) {
        return db.write(c -> {
            long position = StreamCounters.advance(c, StreamCounters.PRESENCE, 1);
            Sql.update(c, """
                    INSERT INTO presence (user_id, state, status_msg, last_active_ts, currently_active, stream_pos)
                    VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT (user_id) DO UPDATE SET state = excluded.state, status_msg = excluded.status_msg,
                        last_active_ts = excluded.last_active_ts, currently_active = excluded.currently_active,
                        stream_pos = excluded.stream_pos""",
                    user.value(), state, statusMsg, lastActiveTs, currentlyActive, position);
            return position;
        });
    }

    @Override
    public void touch(UserId user, long lastActiveTs) {
        db.write(c -> Sql.update(c, "UPDATE presence SET last_active_ts = ? WHERE user_id = ? AND last_active_ts < ?",
                lastActiveTs, user.value(), lastActiveTs));
    }

    @Override
    public Optional<PresenceRow> get(UserId user) {
        return db.read(c -> Sql.one(c, "SELECT * FROM presence WHERE user_id = ?", JdbcPresenceStore::row, user.value()));
    }

    @Override
    public List<PresenceRow> notOffline() {
        return db.read(c -> Sql.list(c, "SELECT * FROM presence WHERE state <> 'offline'", JdbcPresenceStore::row));
    }

    @Override
    public List<PresenceRow> visibleTo(UserId observer, long after, long upTo) {
        return visibleTo(observer, after, upTo, upTo - after <= CHANGES_WALKED);
    }

    /**
     * Both forms answer the same question; they differ in what they walk. Every presence change
     * advances the position by one, so {@code upTo - after} bounds the rows in the range.
     */
    List<PresenceRow> visibleTo(UserId observer, long after, long upTo, boolean walkChanges) {
        String visible = walkChanges ? SHARES_WITH_CHANGED : "p.user_id IN (" + SHARING + ")";
        return db.read(c -> Sql.list(c, "SELECT * FROM presence p WHERE p.stream_pos > ? AND p.stream_pos <= ?"
                + " AND (p.user_id = ? OR " + visible + ") ORDER BY p.stream_pos",
                JdbcPresenceStore::row, after, upTo, observer.value(), observer.value()));
    }

    @Override
    public List<PresenceRow> joinedMembersOf(Collection<RoomId> rooms) {
        List<RoomId> all = List.copyOf(rooms);
        List<PresenceRow> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i += ROOMS_PER_QUERY) {
            List<RoomId> chunk = all.subList(i, Math.min(all.size(), i + ROOMS_PER_QUERY));
            String marks = String.join(", ", Collections.nCopies(chunk.size(), "?"));
            Object[] params = chunk.stream().map(RoomId::value).toArray();
            out.addAll(db.read(c -> Sql.list(c, "SELECT * FROM presence WHERE user_id IN (SELECT state_key FROM"
                    + " current_state WHERE room_id IN (" + marks + ") AND type = 'm.room.member'"
                    + " AND membership = 'join') ORDER BY stream_pos", JdbcPresenceStore::row, params)));
        }
        return out.stream().distinct().toList();
    }

    @Override
    public List<UserId> observers(UserId user) {
        List<String> ids = db.read(c -> Sql.list(c, SHARING, rs -> rs.getString(1), user.value()));
        List<UserId> out = new ArrayList<>();
        out.add(user);
        ids.stream().distinct().filter(id -> !id.equals(user.value())).map(UserId::parse).forEach(out::add);
        return out;
    }

    @Override
    public boolean shareARoom(UserId a, UserId b) {
        return db.read(c -> Sql.one(c, SHARING + " AND theirs.state_key = ?", rs -> true, a.value(), b.value()))
                .orElse(false);
    }

    @Override
    public long position() {
        return db.read(c -> StreamCounters.current(c, StreamCounters.PRESENCE));
    }

    private static PresenceRow row(ResultSet rs) throws SQLException {
        return new PresenceRow(UserId.parse(rs.getString("user_id")), rs.getString("state"),
                Optional.ofNullable(rs.getString("status_msg")), rs.getLong("last_active_ts"),
                rs.getBoolean("currently_active"), rs.getLong("stream_pos"));
    }
}
