package dev.parley.service.room;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.id.EventId;
import dev.parley.store.RoomStore;
import dev.parley.store.StoredEvent;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Events as a reader receives them: the {@code ClientEvent} format ({@link ClientEvents}), a
 * redacted event with its redaction under {@code unsigned.redacted_because} (Client-Server API,
 * "Redactions"), and bundled aggregations under {@code unsigned.m.relations}
 * ({@link Aggregations}).
 */
public final class EventFormatter {
    private final RoomStore store;
    private final Clock clock;
    private final Aggregations aggregations;

    public EventFormatter(RoomStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
        this.aggregations = new Aggregations(store, this);
    }

    /** Formats {@code events} in order, with bundled aggregations of the child events the viewer can see. */
    public List<ObjectNode> format(List<StoredEvent> events, HistoryVisibility.Viewer viewer) {
        return format(events, viewer, 2);
    }

    public ObjectNode format(StoredEvent event, HistoryVisibility.Viewer viewer) {
        return format(List.of(event), viewer).getFirst();
    }

    /** Formats without aggregations (state listings, which never carry them). */
    public List<ObjectNode> formatPlain(List<StoredEvent> events) {
        return format(events, null, 0);
    }

    /**
     * @param nesting how many levels of events get bundled aggregations: 2 at the top, so a
     *     thread's {@code latest_event} is itself aggregated, one level down, and no further
     */
    List<ObjectNode> format(List<StoredEvent> events, HistoryVisibility.Viewer viewer, int nesting) {
        long now = clock.millis();
        Map<EventId, StoredEvent> redactions = new HashMap<>();
        List<EventId> redactionIds = events.stream().flatMap(e -> e.redactedBy().stream()).map(EventId::parse).toList();
        store.events(redactionIds).forEach(r -> redactions.put(r.pdu().eventId(), r));
        Map<EventId, ObjectNode> bundled = viewer == null || nesting <= 0 ? Map.of()
                : aggregations.bundle(events, viewer, nesting - 1);
        List<ObjectNode> out = new ArrayList<>(events.size());
        for (StoredEvent event : events) {
            ObjectNode json = ClientEvents.format(event.pdu(), now);
            ObjectNode unsigned = (ObjectNode) json.get("unsigned");
            event.redactedBy().map(EventId::parse).map(redactions::get).ifPresent(redaction ->
                    unsigned.set("redacted_because", ClientEvents.format(redaction.pdu(), now)));
            ObjectNode relations = bundled.get(event.pdu().eventId());
            if (relations != null && !relations.isEmpty()) {
                unsigned.set("m.relations", relations);
            }
            out.add(json);
        }
        return out;
    }
}
