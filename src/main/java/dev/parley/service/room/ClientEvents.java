package dev.parley.service.room;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.event.Pdu;
import dev.parley.core.json.Json;

/**
 * Events as clients see them (Client-Server API, "Room events", the {@code ClientEvent}
 * format): the PDU's content and identity, without hashes, signatures or graph references.
 */
public final class ClientEvents {
    private ClientEvents() {
    }

    public static ObjectNode format(Pdu pdu, long now) {
        ObjectNode event = Json.MAPPER.createObjectNode();
        event.set("content", pdu.content());
        event.put("event_id", pdu.eventId().value());
        event.put("origin_server_ts", pdu.originServerTs());
        event.put("room_id", pdu.roomId().value());
        event.put("sender", pdu.sender().value());
        if (pdu.isState()) {
            event.put("state_key", pdu.stateKey());
        }
        event.put("type", pdu.type());
        if (pdu.redacts() != null) {
            // Clients read "redacts" at the top level in every room version (v1.11+ also in content).
            event.put("redacts", pdu.redacts().value());
        }
        ObjectNode unsigned = event.putObject("unsigned");
        unsigned.put("age", Math.max(0, now - pdu.originServerTs()));
        return event;
    }

    /**
     * A stripped state event (Client-Server API, "Stripped state"): what invitees, knockers and
     * space browsers see of a room's state, without IDs or timestamps.
     */
    public static ObjectNode stripped(Pdu pdu) {
        ObjectNode event = Json.MAPPER.createObjectNode();
        event.set("content", pdu.content());
        event.put("sender", pdu.sender().value());
        event.put("state_key", pdu.stateKey());
        event.put("type", pdu.type());
        return event;
    }
}
