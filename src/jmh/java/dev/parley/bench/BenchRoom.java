package dev.parley.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.auth.AuthEventSelection;
import dev.parley.core.auth.EventSource;
import dev.parley.core.auth.StateKey;
import dev.parley.core.event.Pdu;
import dev.parley.core.id.EventId;
import dev.parley.core.id.UserId;
import dev.parley.core.json.Json;
import dev.parley.core.room.RoomVersion;
import dev.parley.core.state.StateMap;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A room grown linearly for benchmarks: each event's auth events are selected from its branch's state. */
final class BenchRoom implements EventSource {
    final RoomVersion version;
    private final Map<EventId, Pdu> events = new HashMap<>();
    private String roomId;
    private long clock = 1_700_000_000_000L;

    BenchRoom(RoomVersion version, String roomId) {
        this.version = version;
        this.roomId = roomId;
    }

    /** A line of events on top of a state. */
    final class Branch {
        private final Map<StateKey, Pdu> state;
        private EventId tip;
        private long depth;

        Branch(Map<StateKey, Pdu> state, EventId tip, long depth) {
            this.state = state;
            this.tip = tip;
            this.depth = depth;
        }

        Branch fork() {
            return new Branch(new HashMap<>(state), tip, depth);
        }

        Pdu add(String type, String sender, String stateKey, ObjectNode content) {
            boolean create = type.equals(StateKey.CREATE);
            List<EventId> auth = create ? List.of() : AuthEventSelection.select(version, type, UserId.parse(sender),
                    stateKey, content, key -> Optional.ofNullable(state.get(key)));
            ObjectNode json = Json.MAPPER.createObjectNode();
            json.put("type", type);
            json.put("sender", sender);
            if (stateKey != null) {
                json.put("state_key", stateKey);
            }
            json.set("content", content);
            if (!(create && version.roomIdFromCreateEvent())) {
                json.put("room_id", roomId);
            }
            references(json.putArray("prev_events"), tip == null ? List.of() : List.of(tip));
            references(json.putArray("auth_events"), auth);
            json.put("depth", ++depth);
            json.put("origin_server_ts", clock++);
            json.putObject("hashes").put("sha256", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
            json.putObject("signatures");
            if (version.eventIdInEvent()) {
                json.put("event_id", "$e" + clock + ":bench.test");
            }
            Pdu pdu = Pdu.fromJson(json, version);
            if (create && version.roomIdFromCreateEvent()) {
                roomId = pdu.roomId().value();
            }
            events.put(pdu.eventId(), pdu);
            if (pdu.isState()) {
                state.put(StateKey.of(pdu), pdu);
            }
            tip = pdu.eventId();
            return pdu;
        }

        Optional<Pdu> get(StateKey key) {
            return Optional.ofNullable(state.get(key));
        }

        StateMap stateMap() {
            StateMap.Builder builder = StateMap.builder();
            state.values().forEach(builder::put);
            return builder.build();
        }

        int size() {
            return state.size();
        }
    }

    Branch start() {
        return new Branch(new HashMap<>(), null, 0);
    }

    private void references(ArrayNode array, List<EventId> ids) {
        for (EventId id : ids) {
            if (version.eventIdInEvent()) {
                ArrayNode pair = array.addArray();
                pair.add(id.value());
                pair.addObject().put("sha256", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
            } else {
                array.add(id.value());
            }
        }
    }

    int eventCount() {
        return events.size();
    }

    @Override
    public Optional<Pdu> event(EventId id) {
        return Optional.ofNullable(events.get(id));
    }

    @Override
    public boolean isRejected(EventId id) {
        return false;
    }
}
