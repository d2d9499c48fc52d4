package dev.parley.store.jdbc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.id.RoomId;
import dev.parley.store.PublishedRoom;
import dev.parley.store.RoomDirectoryStore;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

public final class JdbcRoomDirectoryStore implements RoomDirectoryStore {
    private final Database db;

    public JdbcRoomDirectoryStore(Database db) {
        this.db = db;
    }

    @Override
    public List<PublishedRoom> publishedRooms() {
        return db.read(c -> {
            Map<String, Long> members = new LinkedHashMap<>();
            for (Object[] row : Sql.list(c, """
                    SELECT r.room_id, COUNT(cs.state_key) FROM rooms r
                    LEFT JOIN current_state cs ON cs.room_id = r.room_id AND cs.type = 'm.room.member' AND cs.membership = 'join'
                    WHERE r.published = ? GROUP BY r.room_id ORDER BY r.room_id""",
                    rs -> new Object[] {rs.getString(1), rs.getLong(2)}, true)) {
                members.put((String) row[0], (Long) row[1]);
            }
            Map<String, Map<String, ObjectNode>> state = new HashMap<>();
            String types = String.join(",", Collections.nCopies(PublishedRoom.STATE_TYPES.size(), "?"));
            List<Object> params = new ArrayList<>();
            params.add(true);
            params.addAll(PublishedRoom.STATE_TYPES);
            for (Object[] row : Sql.list(c, """
                    SELECT cs.room_id, cs.type, e.json FROM rooms r
                    JOIN current_state cs ON cs.room_id = r.room_id AND cs.state_key = ''
                    JOIN events e ON e.event_id = cs.event_id
                    WHERE r.published = ? AND cs.type IN (""" + types + ")",
                    rs -> new Object[] {rs.getString(1), rs.getString(2), rs.getString(3)}, params.toArray())) {
                JsonNode content = JsonColumns.readObject((String) row[2]).path("content");
                if (content instanceof ObjectNode object) {
                    state.computeIfAbsent((String) row[0], k -> new HashMap<>()).put((String) row[1], object);
                }
            }
            List<PublishedRoom> rooms = new ArrayList<>(members.size());
            members.forEach((room, count) ->
                    rooms.add(new PublishedRoom(RoomId.parse(room), count, state.getOrDefault(room, Map.of()))));
            return rooms;
        });
    }
}
