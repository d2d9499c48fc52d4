package dev.parley.core.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.event.Pdu;
import dev.parley.core.id.EventId;
import dev.parley.core.id.UserId;
import dev.parley.core.room.RoomVersion;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The room of {@code vectors/auth/room.json} built for one room version: every named event as a
 * real PDU (hash event IDs from v3, a v12 room ID derived from its create event), and the base state.
 */
final class AuthFixture {
    final RoomVersion version;
    String roomId;
    final Map<String, Pdu> byName = new LinkedHashMap<>();
    final Map<StateKey, Pdu> baseState = new HashMap<>();
    EventId lastEventId;
    long depth;

    private AuthFixture(RoomVersion version, String roomId) {
        this.version = version;
        this.roomId = roomId;
    }

    static AuthFixture build(JsonNode room, RoomVersion version) {
        Set<String> stateNames = new HashSet<>();
        room.get("state").forEach(n -> stateNames.add(n.textValue()));
        AuthFixture fixture = null;
        for (JsonNode spec : room.get("events")) {
            if (!VersionRange.covers(spec.path("versions").asText("1-12"), version)) {
                continue;
            }
            String name = spec.get("name").textValue();
            boolean isCreate = name.equals("create");
            if (fixture == null) {
                String roomId = version.roomIdFromCreateEvent() ? null : room.get("room_id").textValue();
                fixture = new AuthFixture(version, roomId);
            }
            Pdu pdu = fixture.add(name, spec, stateNames.contains(name));
            if (isCreate && version.roomIdFromCreateEvent()) {
                fixture.roomId = pdu.roomId().value();
            }
        }
        return fixture;
    }

    private Pdu add(String name, JsonNode spec, boolean inState) {
        String type = spec.get("type").textValue();
        String stateKey = spec.has("state_key") ? spec.get("state_key").textValue() : null;
        ObjectNode content = VectorPlaceholders.fill((ObjectNode) spec.get("content"), version.id());
        String sender = spec.get("sender").textValue();
        boolean isCreate = type.equals(StateKey.CREATE);
        List<EventId> prev = lastEventId == null || isCreate ? List.of() : List.of(lastEventId);
        List<EventId> auth = isCreate ? List.of()
                : AuthEventSelection.select(version, type, UserId.parse(sender), stateKey, content,
                        key -> Optional.ofNullable(baseState.get(key)));
        String room = spec.has("room_id") ? spec.get("room_id").textValue()
                : (isCreate && version.roomIdFromCreateEvent() ? null : roomId);
        depth++;
        ObjectNode json = TestEvents.json(version, type, sender, stateKey, content, room, prev, auth, depth,
                1_000 + depth, "$" + name + ":" + sender.substring(sender.indexOf(':') + 1));
        Pdu pdu = TestEvents.pdu(json, version);
        byName.put(name, pdu);
        lastEventId = pdu.eventId();
        if (inState) {
            baseState.put(StateKey.of(pdu), pdu);
        }
        return pdu;
    }

    Pdu event(String name) {
        Pdu pdu = byName.get(name);
        if (pdu == null) {
            throw new IllegalArgumentException("No fixture event '" + name + "' in room version " + version.id());
        }
        return pdu;
    }

    List<EventId> ids(JsonNode names) {
        List<EventId> ids = new ArrayList<>();
        names.forEach(n -> ids.add(event(n.textValue()).eventId()));
        return ids;
    }
}
