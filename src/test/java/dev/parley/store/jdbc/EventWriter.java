package dev.parley.store.jdbc;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.crypto.SigningKey;
import dev.parley.core.event.EventBuilder;
import dev.parley.core.event.Pdu;
import dev.parley.core.id.EventId;
import dev.parley.core.id.RoomId;
import dev.parley.core.id.UserId;
import dev.parley.core.room.RoomVersion;
import dev.parley.store.NewEvent;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Signs events and stores them straight into a room store as the pipeline would: each at the
 * next stream position, each state event with a new state group after the previous one and
 * replacing the room's state event at its key.
 */
final class EventWriter {
    private final JdbcRoomStore rooms;
    private final SigningKey key = SigningKey.generate("test");
    private long stream;
    private long group;
    /** The state event at each room, type and state key, as the pipeline's room heads know it. */
    private final Map<List<String>, EventId> state = new HashMap<>();

    EventWriter(JdbcRoomStore rooms) {
        this.rooms = rooms;
    }

    /** The position of the newest event stored. */
    long stream() {
        return stream;
    }

    /** An event signed by test.local and not stored; a null {@code stateKey} makes a message-like event. */
    Pdu build(RoomId room, RoomVersion version, String type, String stateKey, UserId sender, ObjectNode content,
              List<Pdu> prev, long depth, long ts, Optional<EventId> redacts) {
        EventBuilder b = EventBuilder.of(version, type, sender).roomId(room).content(content)
                .prevEvents(prev).authEvents(List.of()).depth(depth).originServerTs(ts);
        if (stateKey != null) {
            b.stateKey(stateKey);
        }
        redacts.ifPresent(b::redacts);
        return b.sign("test.local", key);
    }

    /** Builds and stores an event. */
    Pdu persist(RoomId room, RoomVersion version, String type, String stateKey, UserId sender, ObjectNode content,
                List<Pdu> prev, long depth, long ts, Optional<EventId> redacts) {
        return store(build(room, version, type, stateKey, sender, content, prev, depth, ts, redacts));
    }

    /** Stores an event built earlier. */
    Pdu store(Pdu pdu) {
        Optional<Long> before = group == 0 ? Optional.empty() : Optional.of(group);
        Optional<Long> after = pdu.isState() ? Optional.of(++group) : Optional.empty();
        Optional<EventId> replaces = pdu.isState()
                ? Optional.ofNullable(state.put(List.of(pdu.roomId().value(), pdu.type(), pdu.stateKey()), pdu.eventId()))
                : Optional.empty();
        rooms.persist(new NewEvent(++stream, pdu, before, after, replaces, Optional.empty()));
        return pdu;
    }
}
