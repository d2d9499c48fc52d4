package dev.parley.service.room;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.id.EventId;
import dev.parley.core.id.RoomId;
import dev.parley.store.RoomStore;
import dev.parley.store.StoredEvent;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Events as a reader receives them: the {@code ClientEvent} format ({@link ClientEvents}), a
 * redacted event with its redaction under {@code unsigned.redacted_because} (Client-Server API,
 * "Redactions"), a state event with the state event it replaced ({@code unsigned.replaces_state},
 * and that event's {@code prev_content} and {@code prev_sender}), and bundled aggregations under
 * {@code unsigned.m.relations} ({@link Aggregations}).
 *
 * <p>The replaced event is the one the pipeline recorded when it stored the event; it is read as
 * stored now, so a redacted one gives pruned {@code prev_content}. The spec returns
 * {@code prev_content} only if the client may see the previous event; like Synapse, whose
 * {@code prev_sender} this also follows (matrix-js-sdk reads it), it is given wherever the event
 * is, unchecked: a check would resolve the state at each replaced event for each reader, in
 * every state listing and in every member's {@code /sync} of a room.
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
     * Each room's state events formatted as {@link #formatPlain} does, with one look-up of the
     * redactions and replaced state events for all rooms.
     */
    public Map<RoomId, List<ObjectNode>> formatPlainRooms(Map<RoomId, List<StoredEvent>> events) {
        Map<EventId, StoredEvent> referenced = referenced(events.values().stream().flatMap(List::stream).toList());
        Map<RoomId, List<ObjectNode>> out = new HashMap<>();
        events.forEach((room, list) -> out.put(room, build(list, referenced, Map.of())));
        return out;
    }

    /**
     * @param nesting how many levels of events get bundled aggregations: 2 at the top, so a
     *     thread's {@code latest_event} is itself aggregated, one level down, and no further
     */
    List<ObjectNode> format(List<StoredEvent> events, HistoryVisibility.Viewer viewer, int nesting) {
        Map<EventId, ObjectNode> bundled = viewer == null || nesting <= 0 ? Map.of()
                : aggregations.bundle(events, viewer, nesting - 1);
        return build(events, referenced(events), bundled);
    }

    /**
     * Each room's events formatted as {@link #format(List, HistoryVisibility.Viewer)} does, with
     * one look-up of redactions and replaced state events and one of related events for all rooms,
     * so rooms without relations (most of them) cost no query of their own.
     */
    public Map<RoomId, List<ObjectNode>> formatRooms(Map<RoomId, List<StoredEvent>> events,
                                                     Map<RoomId, HistoryVisibility.Viewer> viewers) {
        List<StoredEvent> all = events.values().stream().flatMap(List::stream).toList();
        Map<EventId, StoredEvent> referenced = referenced(all);
        Set<EventId> withChildren = aggregations.parentsWithChildren(all);
        Map<RoomId, List<ObjectNode>> out = new HashMap<>();
        events.forEach((room, list) -> {
            Map<EventId, ObjectNode> bundled = list.stream().anyMatch(e -> withChildren.contains(e.pdu().eventId()))
                    ? aggregations.bundle(list, viewers.get(room), 1, withChildren) : Map.of();
            out.put(room, build(list, referenced, bundled));
        });
        return out;
    }

    /** The events that {@code events} point at, their redactions and the state they replaced, in one look-up. */
    private Map<EventId, StoredEvent> referenced(List<StoredEvent> events) {
        List<EventId> ids = new ArrayList<>();
        for (StoredEvent event : events) {
            event.redactedBy().map(EventId::parse).ifPresent(ids::add);
            event.replacesState().ifPresent(ids::add);
        }
        Map<EventId, StoredEvent> referenced = new HashMap<>();
        store.events(ids).forEach(e -> referenced.put(e.pdu().eventId(), e));
        return referenced;
    }

    private List<ObjectNode> build(List<StoredEvent> events, Map<EventId, StoredEvent> referenced,
                                   Map<EventId, ObjectNode> bundled) {
        long now = clock.millis();
        List<ObjectNode> out = new ArrayList<>(events.size());
        for (StoredEvent event : events) {
            ObjectNode json = ClientEvents.format(event.pdu(), now);
            ObjectNode unsigned = (ObjectNode) json.get("unsigned");
            event.redactedBy().map(EventId::parse).map(referenced::get).ifPresent(redaction ->
                    unsigned.set("redacted_because", ClientEvents.format(redaction.pdu(), now)));
            event.replacesState().ifPresent(replaced -> {
                unsigned.put("replaces_state", replaced.value());
                StoredEvent previous = referenced.get(replaced);
                if (previous != null) {
                    unsigned.set("prev_content", previous.pdu().content());
                    unsigned.put("prev_sender", previous.pdu().sender().value());
                }
            });
            ObjectNode relations = bundled.get(event.pdu().eventId());
            if (relations != null && !relations.isEmpty()) {
                unsigned.set("m.relations", relations);
            }
            out.add(json);
        }
        return out;
    }
}
