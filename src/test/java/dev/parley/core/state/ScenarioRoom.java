package dev.parley.core.state;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.auth.AuthDecision;
import dev.parley.core.auth.AuthEventSelection;
import dev.parley.core.auth.EventAuthorizer;
import dev.parley.core.auth.MapEventSource;
import dev.parley.core.auth.StateKey;
import dev.parley.core.auth.TestEvents;
import dev.parley.core.auth.TestSignatures;
import dev.parley.core.event.Pdu;
import dev.parley.core.id.EventId;
import dev.parley.core.id.UserId;
import dev.parley.core.room.RoomVersion;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A room DAG grown event by event as a server would: the state before an event is the resolution
 * of the states after its {@code prev_events}, its {@code auth_events} are selected from that
 * state, and it must pass the authorization rules against it.
 */
final class ScenarioRoom {
    final RoomVersion version;
    final MapEventSource source = new MapEventSource();
    final Map<String, Pdu> byName = new LinkedHashMap<>();
    final Map<EventId, String> names = new HashMap<>();
    private final Map<String, StateMap> stateAfter = new HashMap<>();
    private final EventAuthorizer authorizer;
    private String roomId;

    ScenarioRoom(RoomVersion version, String roomId) {
        this.version = version;
        this.roomId = roomId;
        this.authorizer = new EventAuthorizer(version, new TestSignatures());
    }

    StateResolver resolver() {
        return StateResolver.forVersion(version, source, new TestSignatures());
    }

    /** Adds an event; returns the authorization decision against the state before it. */
    AuthDecision add(String name, String type, String sender, String stateKey, ObjectNode content,
                     List<String> prev, long originServerTs) {
        StateMap before = stateBefore(prev);
        boolean isCreate = type.equals(StateKey.CREATE);
        List<EventId> auth = isCreate ? List.of() : AuthEventSelection.select(version, type, UserId.parse(sender),
                stateKey, content, key -> before.get(key).flatMap(source::event));
        long depth = 1;
        List<EventId> prevIds = new ArrayList<>();
        for (String p : prev) {
            Pdu parent = event(p);
            prevIds.add(parent.eventId());
            depth = Math.max(depth, parent.depth() + 1);
        }
        String room = isCreate && version.roomIdFromCreateEvent() ? null : roomId;
        ObjectNode json = TestEvents.json(version, type, sender, stateKey, content, room, prevIds, auth, depth,
                originServerTs, "$" + name + ":" + sender.substring(sender.indexOf(':') + 1));
        Pdu pdu = TestEvents.pdu(json, version);
        if (isCreate && version.roomIdFromCreateEvent()) {
            roomId = pdu.roomId().value();
        }
        source.add(pdu);
        byName.put(name, pdu);
        names.put(pdu.eventId(), name);
        AuthDecision decision = authorizer.authorizeByState(pdu, key -> before.get(key).flatMap(source::event));
        StateMap after = pdu.isState() && decision.isAllowed() ? before.toBuilder().put(pdu).build() : before;
        if (!decision.isAllowed()) {
            source.reject(pdu.eventId());
        }
        stateAfter.put(name, after);
        return decision;
    }

    StateMap stateBefore(List<String> prev) {
        if (prev.isEmpty()) {
            return StateMap.empty();
        }
        if (prev.size() == 1) {
            return stateAfter(prev.getFirst());
        }
        List<StateMap> states = new ArrayList<>();
        prev.forEach(p -> states.add(stateAfter(p)));
        return resolver().resolve(states);
    }

    StateMap stateAfter(String name) {
        StateMap state = stateAfter.get(name);
        if (state == null) {
            throw new IllegalArgumentException("Unknown event " + name);
        }
        return state;
    }

    Pdu event(String name) {
        Pdu pdu = byName.get(name);
        if (pdu == null) {
            throw new IllegalArgumentException("Unknown event " + name);
        }
        return pdu;
    }

    /** The state with event IDs replaced by scenario names, for readable assertions. */
    Map<String, String> named(StateMap state) {
        Map<String, String> out = new HashMap<>();
        state.asMap().forEach((key, id) -> out.put(key.type() + "|" + key.stateKey(),
                Optional.ofNullable(names.get(id)).orElse(id.value())));
        return out;
    }
}
