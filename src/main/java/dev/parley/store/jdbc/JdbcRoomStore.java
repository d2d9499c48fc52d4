package dev.parley.store.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.auth.StateKey;
import dev.parley.core.event.Pdu;
import dev.parley.core.id.EventId;
import dev.parley.core.id.RoomId;
import dev.parley.core.id.UserId;
import dev.parley.core.json.Json;
import dev.parley.core.room.RoomVersions;
import dev.parley.store.NewEvent;
import dev.parley.store.RoomRow;
import dev.parley.store.RoomStore;
import dev.parley.store.StoreException;
import dev.parley.store.StoredEvent;
import dev.parley.store.WriteChain;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

public final class JdbcRoomStore implements RoomStore {
    /** A state group chain is cut (a full snapshot written) at this length. */
    static final int MAX_STATE_CHAIN = 32;
    private static final String EVENT_COLUMNS =
            "e.stream_ordering, e.event_id, e.json, e.state_group, e.redacted_by, e.replaces_state, r.room_version";

    /** Rooms per batch query, well below both databases' bound-parameter limits. */
    private static final int ROOMS_PER_QUERY = 100;

    private final Database db;
    private final ParsedEvents parsed = new ParsedEvents();
    private final RecentRoomEvents recent;
    private final RelationParents relationParents;
    private final RedactionRows redactions;

    /** A store with recent events of its own: for tests and tools that read rooms through it alone. */
    public JdbcRoomStore(Database db) {
        this(db, new RecentRoomEvents());
    }

    /** {@code recent} is the database's one, shared with the {@link JdbcRoomListStore} over it. */
    public JdbcRoomStore(Database db, RecentRoomEvents recent) {
        this.db = db;
        this.recent = recent;
        this.relationParents = new RelationParents(db, maxStreamOrdering());
        this.redactions = RedactionRows.load(db);
    }

    @Override
    public boolean createRoom(RoomRow room) {
        return db.write(c -> Sql.update(c, """
                INSERT INTO rooms (room_id, room_version, creator, created_ts, published) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (room_id) DO NOTHING""", room.roomId().value(), room.version().id(), room.creator().value(),
                room.createdTs(), room.published()) == 1);
    }

    @Override
    public Optional<RoomRow> room(RoomId roomId) {
        return db.read(c -> Sql.one(c, "SELECT room_id, room_version, creator, created_ts, published FROM rooms WHERE room_id = ?",
                rs -> new RoomRow(RoomId.parse(rs.getString(1)), RoomVersions.get(rs.getString(2)),
                        UserId.parse(rs.getString(3)), rs.getLong(4), rs.getBoolean(5)), roomId.value()));
    }

    @Override
    public Optional<StoredEvent> event(EventId eventId) {
        Optional<StoredEvent> cached = parsed.cached(eventId);
        if (cached.isPresent()) {
            return cached;
        }
        return db.read(c -> Sql.one(c, "SELECT " + EVENT_COLUMNS + " FROM events e JOIN rooms r ON r.room_id = e.room_id"
                + " WHERE e.event_id = ?", parsed::read, eventId.value()));
    }

    @Override
    public List<StoredEvent> events(Collection<EventId> eventIds) {
        List<StoredEvent> cached = new ArrayList<>(eventIds.size());
        List<EventId> ids = new ArrayList<>();
        for (EventId id : new LinkedHashSet<>(eventIds)) {
            parsed.cached(id).ifPresentOrElse(cached::add, () -> ids.add(id));
        }
        if (ids.isEmpty()) {
            return cached;
        }
        return db.read(c -> {
            List<StoredEvent> out = new ArrayList<>(cached);
            for (int from = 0; from < ids.size(); from += 500) {
                List<EventId> chunk = ids.subList(from, Math.min(ids.size(), from + 500));
                String marks = String.join(",", java.util.Collections.nCopies(chunk.size(), "?"));
                out.addAll(Sql.list(c, "SELECT " + EVENT_COLUMNS + " FROM events e JOIN rooms r ON r.room_id = e.room_id"
                        + " WHERE e.event_id IN (" + marks + ")", parsed::read,
                        chunk.stream().map(EventId::value).toArray()));
            }
            return out;
        });
    }

    @Override
    public List<EventId> forwardExtremities(RoomId roomId) {
        return db.read(c -> Sql.list(c, "SELECT event_id FROM forward_extremities WHERE room_id = ? ORDER BY event_id",
                rs -> EventId.parse(rs.getString(1)), roomId.value()));
    }

    @Override
    public Map<StateKey, EventId> currentState(RoomId roomId) {
        return db.read(c -> {
            Map<StateKey, EventId> state = new HashMap<>();
            for (String[] row : Sql.list(c, "SELECT type, state_key, event_id FROM current_state WHERE room_id = ?",
                    rs -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)}, roomId.value())) {
                state.put(new StateKey(row[0], row[1]), EventId.parse(row[2]));
            }
            return state;
        });
    }

    @Override
    public Optional<EventId> currentStateEvent(RoomId roomId, StateKey key) {
        return db.read(c -> Sql.one(c, "SELECT event_id FROM current_state WHERE room_id = ? AND type = ? AND state_key = ?",
                rs -> EventId.parse(rs.getString(1)), roomId.value(), key.type(), key.stateKey()));
    }

    @Override
    public Map<StateKey, EventId> stateGroup(long groupId) {
        return db.read(c -> StateGroupChains.resolve(c, groupId));
    }

    @Override
    public Optional<EventId> transaction(String userId, String deviceId, String txnId) {
        return db.read(c -> Sql.one(c, "SELECT event_id FROM event_transactions WHERE user_id = ? AND device_id = ? AND txn_id = ?",
                rs -> EventId.parse(rs.getString(1)), userId, deviceId, txnId));
    }

    @Override
    public List<String> transactionIds(String userId, String deviceId, int limit) {
        return db.read(c -> Sql.list(c, "SELECT txn_id FROM event_transactions WHERE user_id = ? AND device_id = ? LIMIT ?",
                rs -> rs.getString(1), userId, deviceId, limit));
    }

    @Override
    public void persist(NewEvent event) {
        stored(event, db.write(c -> insert(c, event)));
    }

    @Override
    public CompletableFuture<Void> persistQueued(WriteChain chain, NewEvent event) {
        return db.writeQueued(chain, c -> insert(c, event)).thenAccept(chars -> stored(event, chars));
    }

    /**
     * After the commit: every syncing member reads a new event next, so it is kept parsed and in
     * its room's recent events; a redaction makes its target's cached forms stale.
     */
    private void stored(NewEvent event, int jsonChars) {
        Pdu pdu = event.pdu();
        redactions.committed(pdu);
        RedactionRows.target(pdu).ifPresent(target -> {
            parsed.redacted(target);
            recent.forget(pdu.roomId());
        });
        if (jsonChars < 0) {
            // Stored already pruned (its redaction came first): the ring must not hold the unpruned form.
            recent.forget(pdu.roomId());
            return;
        }
        StoredEvent stored = event.stored();
        parsed.stored(stored, jsonChars);
        recent.appended(stored, jsonChars);
    }

    /** @return the stored JSON's length, or -1 if an earlier redaction pruned the event as it was stored */
    private int insert(Connection c, NewEvent event) throws SQLException {
        Pdu pdu = event.pdu();
        String room = pdu.roomId().value();
        String json = json(pdu.json());
        Sql.update(c, """
                INSERT INTO events (stream_ordering, event_id, room_id, type, state_key, sender, depth,
                                    origin_server_ts, json, state_group, replaces_state)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                event.streamOrdering(), pdu.eventId().value(), room, pdu.type(), pdu.stateKey(),
                pdu.sender().value(), pdu.depth(), pdu.originServerTs(), json, event.stateGroupAfter(),
                event.replacesState().map(EventId::value).orElse(null));
        for (EventId prev : pdu.prevEvents()) {
            Sql.update(c, "DELETE FROM forward_extremities WHERE room_id = ? AND event_id = ?", room, prev.value());
        }
        Sql.update(c, "INSERT INTO forward_extremities (room_id, event_id) VALUES (?, ?)", room, pdu.eventId().value());
        if (event.newStateGroup().isPresent()) {
            writeStateGroup(c, room, event.newStateGroup().get(), event.stateGroupBefore(), pdu);
            Sql.update(c, """
                    INSERT INTO current_state (room_id, type, state_key, event_id, membership) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (room_id, type, state_key)
                    DO UPDATE SET event_id = excluded.event_id, membership = excluded.membership""",
                    room, pdu.type(), pdu.stateKey(), pdu.eventId().value(), membership(pdu));
        }
        if (event.transaction().isPresent()) {
            NewEvent.Transaction t = event.transaction().get();
            Sql.update(c, "INSERT INTO event_transactions (user_id, device_id, txn_id, event_id, created_ts) VALUES (?, ?, ?, ?, ?)",
                    t.userId(), t.deviceId(), t.txnId(), pdu.eventId().value(), t.ts());
        }
        relationParents.inserted(c, event.streamOrdering(), EventRelations.insert(c, pdu));
        return redactions.onPersist(c, pdu) ? -1 : json.length();
    }

    @Override
    public List<StoredEvent> eventsBefore(RoomId roomId, long depth, long stream, int limit) {
        return db.read(c -> Sql.list(c, "SELECT " + EVENT_COLUMNS + " FROM events e JOIN rooms r ON r.room_id = e.room_id"
                + " WHERE e.room_id = ? AND (e.depth < ? OR (e.depth = ? AND e.stream_ordering <= ?))"
                + " ORDER BY e.depth DESC, e.stream_ordering DESC LIMIT ?", parsed::read,
                roomId.value(), depth, depth, stream, limit));
    }

    @Override
    public List<StoredEvent> eventsAfter(RoomId roomId, long depth, long stream, int limit) {
        return db.read(c -> Sql.list(c, "SELECT " + EVENT_COLUMNS + " FROM events e JOIN rooms r ON r.room_id = e.room_id"
                + " WHERE e.room_id = ? AND (e.depth > ? OR (e.depth = ? AND e.stream_ordering > ?))"
                + " ORDER BY e.depth, e.stream_ordering LIMIT ?", parsed::read,
                roomId.value(), depth, depth, stream, limit));
    }

    @Override
    public long maxDepthUpTo(RoomId roomId, long stream) {
        return db.read(c -> Sql.count(c, "SELECT COALESCE(MAX(depth), 0) FROM events WHERE room_id = ? AND stream_ordering <= ?",
                roomId.value(), stream));
    }

    @Override
    public List<StoredEvent> eventsByTimestamp(RoomId roomId, long ts, boolean forward, int limit) {
        String where = forward ? "e.origin_server_ts >= ? ORDER BY e.origin_server_ts, e.stream_ordering"
                : "e.origin_server_ts <= ? ORDER BY e.origin_server_ts DESC, e.stream_ordering DESC";
        return db.read(c -> Sql.list(c, "SELECT " + EVENT_COLUMNS + " FROM events e JOIN rooms r ON r.room_id = e.room_id"
                + " WHERE e.room_id = ? AND " + where + " LIMIT ?", parsed::read, roomId.value(), ts, limit));
    }

    @Override
    public List<StoredEvent> memberEvents(RoomId roomId, UserId user) {
        return db.read(c -> Sql.list(c, "SELECT " + EVENT_COLUMNS + " FROM events e JOIN rooms r ON r.room_id = e.room_id"
                + " WHERE e.room_id = ? AND e.type = 'm.room.member' AND e.state_key = ? ORDER BY e.stream_ordering",
                parsed::read, roomId.value(), user.value()));
    }

    @Override
    public List<StoredEvent> relatedEvents(RoomId roomId, Collection<EventId> parents, Optional<String> relType,
                                           Optional<String> eventType, long depth, long stream, boolean forward, int limit) {
        if (parents.isEmpty()) {
            return List.of();
        }
        List<Object> params = new ArrayList<>();
        String where = EventRelations.where(roomId, parents, relType, eventType, params);
        String bound = forward ? " AND (e.depth > ? OR (e.depth = ? AND e.stream_ordering > ?)) ORDER BY e.depth, e.stream_ordering"
                : " AND (e.depth < ? OR (e.depth = ? AND e.stream_ordering <= ?)) ORDER BY e.depth DESC, e.stream_ordering DESC";
        params.addAll(List.of(depth, depth, stream, limit));
        return db.read(c -> Sql.list(c, "SELECT " + EVENT_COLUMNS + " FROM event_relations rel"
                + " JOIN events e ON e.event_id = rel.event_id JOIN rooms r ON r.room_id = e.room_id"
                + " WHERE " + where + bound + " LIMIT ?", parsed::read, params.toArray()));
    }

    @Override
    public List<EventId> relatedEventIds(RoomId roomId, Collection<EventId> parents, Optional<String> relType,
                                         Optional<String> eventType) {
        if (parents.isEmpty()) {
            return List.of();
        }
        List<Object> params = new ArrayList<>();
        String where = EventRelations.where(roomId, parents, relType, eventType, params);
        return db.read(c -> Sql.list(c, "SELECT rel.event_id FROM event_relations rel JOIN events e ON e.event_id = rel.event_id"
                + " WHERE " + where + " ORDER BY e.stream_ordering", rs -> EventId.parse(rs.getString(1)), params.toArray()));
    }

    @Override
    public List<ThreadActivity> threadRoots(RoomId roomId, Optional<UserId> participant, long upTo, int limit) {
        List<Object> params = new ArrayList<>(List.of(roomId.value(), upTo));
        String participated = participant.isEmpty() ? ""
                : " AND (root.sender = ? OR SUM(CASE WHEN e.sender = ? THEN 1 ELSE 0 END) > 0)";
        participant.ifPresent(p -> params.addAll(List.of(p.value(), p.value())));
        params.add(limit);
        return db.read(c -> Sql.list(c, "SELECT rel.relates_to, MAX(e.stream_ordering) FROM event_relations rel"
                + " JOIN events e ON e.event_id = rel.event_id JOIN events root ON root.event_id = rel.relates_to"
                + " WHERE rel.room_id = ? AND rel.rel_type = 'm.thread' AND root.room_id = rel.room_id"
                + " GROUP BY rel.relates_to, root.sender HAVING MAX(e.stream_ordering) <= ?" + participated
                + " ORDER BY MAX(e.stream_ordering) DESC LIMIT ?",
                rs -> new ThreadActivity(EventId.parse(rs.getString(1)), rs.getLong(2)), params.toArray()));
    }

    /** A delta on the previous group, or a full snapshot when the chain would grow too long. */
    private static void writeStateGroup(Connection c, String room, long id, Optional<Long> parent, Pdu pdu) throws SQLException {
        int parentChain = parent.isEmpty() ? -1
                : Sql.one(c, "SELECT chain_length FROM state_groups WHERE id = ?", rs -> rs.getInt(1), parent.get()).orElse(-1);
        Map<StateKey, EventId> entries = new HashMap<>();
        Long parentId = null;
        int chain = 0;
        if (parent.isPresent() && parentChain + 1 < MAX_STATE_CHAIN) {
            parentId = parent.get();
            chain = parentChain + 1;
        } else if (parent.isPresent()) {
            entries.putAll(StateGroupChains.resolve(c, parent.get()));
        }
        entries.put(new StateKey(pdu.type(), pdu.stateKey()), pdu.eventId());
        Sql.update(c, "INSERT INTO state_groups (id, room_id, parent_id, chain_length) VALUES (?, ?, ?, ?)", id, room, parentId, chain);
        for (Map.Entry<StateKey, EventId> e : entries.entrySet()) {
            Sql.update(c, "INSERT INTO state_group_entries (group_id, type, state_key, event_id) VALUES (?, ?, ?, ?)",
                    id, e.getKey().type(), e.getKey().stateKey(), e.getValue().value());
        }
    }

    @Override
    public List<RoomId> roomsWithMembership(UserId userId, String membership) {
        return db.read(c -> Sql.list(c, """
                SELECT room_id FROM current_state WHERE type = 'm.room.member' AND state_key = ? AND membership = ?
                ORDER BY room_id""", rs -> RoomId.parse(rs.getString(1)), userId.value(), membership));
    }

    @Override
    public List<StoredEvent> recentEvents(RoomId roomId, long after, long upTo, int limit) {
        return recent.newest(roomId, after, upTo, limit + 1)
                .orElseGet(() -> db.read(c -> newestOfRoom(c, roomId, after, upTo, limit + 1)));
    }

    /** The room's newest {@code count} events in ({@code after}, {@code upTo}], oldest first: one index range. */
    private List<StoredEvent> newestOfRoom(Connection c, RoomId roomId, long after, long upTo, int count)
            throws SQLException {
        return Sql.list(c, "SELECT " + EVENT_COLUMNS
                + " FROM events e JOIN rooms r ON r.room_id = e.room_id WHERE e.room_id = ? AND e.stream_ordering > ?"
                + " AND e.stream_ordering <= ? ORDER BY e.stream_ordering DESC LIMIT ?", parsed::read,
                roomId.value(), after, upTo, count).reversed();
    }

    @Override
    public Map<RoomId, List<StoredEvent>> recentEvents(Collection<RoomId> roomIds, long after, long upTo, int limit) {
        Map<RoomId, List<StoredEvent>> out = new HashMap<>();
        List<RoomId> unknown = new ArrayList<>();
        for (RoomId room : roomIds) {
            recent.newest(room, after, upTo, limit + 1).ifPresentOrElse(
                    events -> {
                        if (!events.isEmpty()) {
                            out.put(room, events);
                        }
                    },
                    () -> unknown.add(room));
        }
        if (unknown.isEmpty()) {
            return out;
        }
        if (db.dialect() == Dialect.SQLITE) {
            // In process, a statement per room costs no round trip, and SQLite reads the ranges one
            // by one in a third of the time it takes them glued 200 to a statement, which sorts and
            // joins the union: 94-129 ms against 313-379 ms for the big-account benchmark's 1,000
            // rooms, timed with Python's sqlite3 on a copy of its database.
            db.read(c -> {
                for (RoomId room : unknown) {
                    List<StoredEvent> events = newestOfRoom(c, room, after, upTo, limit + 1);
                    if (!events.isEmpty()) {
                        out.put(room, events);
                    }
                }
                return null;
            });
            return out;
        }
        for (int from = 0; from < unknown.size(); from += ROOMS_PER_QUERY) {
            List<RoomId> chunk = unknown.subList(from, Math.min(unknown.size(), from + ROOMS_PER_QUERY));
            // One index range per room, glued into one statement: a window function over the
            // rooms would read their whole histories.
            StringBuilder sql = new StringBuilder("SELECT " + EVENT_COLUMNS + " FROM (");
            List<Object> params = new ArrayList<>();
            for (int i = 0; i < chunk.size(); i++) {
                sql.append(i == 0 ? "" : " UNION ALL ").append("SELECT * FROM (SELECT stream_ordering, event_id, json,"
                        + " state_group, redacted_by, replaces_state, room_id FROM events WHERE room_id = ? AND stream_ordering > ?"
                        + " AND stream_ordering <= ? ORDER BY stream_ordering DESC LIMIT ?) r").append(i);
                params.addAll(List.of(chunk.get(i).value(), after, upTo, limit + 1));
            }
            sql.append(") e JOIN rooms r ON r.room_id = e.room_id ORDER BY e.stream_ordering");
            for (StoredEvent event : db.read(c -> Sql.list(c, sql.toString(), parsed::read, params.toArray()))) {
                out.computeIfAbsent(event.pdu().roomId(), r -> new ArrayList<>()).add(event);
            }
        }
        return out;
    }

    @Override
    public Map<Long, Map<StateKey, EventId>> stateGroups(Collection<Long> groupIds) {
        return groupIds.isEmpty() ? Map.of() : db.read(c -> StateGroupChains.resolveAll(c, groupIds));
    }

    @Override
    public Set<EventId> parentsWithRelations(Collection<StoredEvent> events) {
        return relationParents.of(events, this::storedParentsWithRelations);
    }

    private Set<EventId> storedParentsWithRelations(Collection<EventId> eventIds) {
        Set<EventId> out = new HashSet<>();
        for (List<EventId> chunk : chunks(List.copyOf(eventIds))) {
            out.addAll(db.read(c -> Sql.list(c, "SELECT DISTINCT relates_to FROM event_relations WHERE relates_to IN ("
                    + marks(chunk.size()) + ")", rs -> EventId.parse(rs.getString(1)),
                    chunk.stream().map(EventId::value).toArray())));
        }
        return out;
    }

    private static <T> List<List<T>> chunks(List<T> all) {
        List<List<T>> out = new ArrayList<>();
        for (int from = 0; from < all.size(); from += 500) {
            out.add(all.subList(from, Math.min(all.size(), from + 500)));
        }
        return out;
    }

    private static String marks(int n) {
        return String.join(",", java.util.Collections.nCopies(n, "?"));
    }

    @Override
    public List<MembershipChange> membershipChanges(UserId userId, long after, long upTo) {
        return db.read(c -> Sql.list(c, """
                SELECT room_id, json, stream_ordering FROM events
                WHERE type = 'm.room.member' AND state_key = ? AND stream_ordering > ? AND stream_ordering <= ?
                ORDER BY stream_ordering""", rs -> new MembershipChange(RoomId.parse(rs.getString(1)),
                membershipOf(rs.getString(2)), rs.getLong(3)), userId.value(), after, upTo));
    }

    private static String membershipOf(String json) throws SQLException {
        try {
            return Json.MAPPER.readTree(json).path("content").path("membership").asText("");
        } catch (JsonProcessingException e) {
            throw new SQLException("stored event is not JSON", e);
        }
    }

    @Override
    public long maxStreamOrdering() {
        return db.read(c -> Sql.count(c, "SELECT COALESCE(MAX(stream_ordering), 0) FROM events"));
    }

    @Override
    public long maxStateGroup() {
        return db.read(c -> Sql.count(c, "SELECT COALESCE(MAX(id), 0) FROM state_groups"));
    }

    private static String membership(Pdu pdu) {
        return StateKey.MEMBER.equals(pdu.type()) ? pdu.content().path("membership").asText(null) : null;
    }

    static String json(ObjectNode json) {
        try {
            return Json.MAPPER.writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new StoreException("event not serialisable", e);
        }
    }
}
