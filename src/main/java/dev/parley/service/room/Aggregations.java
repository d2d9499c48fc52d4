package dev.parley.service.room;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.event.Pdu;
import dev.parley.core.id.EventId;
import dev.parley.core.id.RoomId;
import dev.parley.core.json.Json;
import dev.parley.service.room.PaginationToken.Topological;
import dev.parley.store.RoomStore;
import dev.parley.store.StoredEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Bundled aggregations (Client-Server API, "Aggregations of child events"): for each non-state
 * event, its visible children under {@code unsigned.m.relations} by relation type —
 * {@code m.thread} ("Threading": {@code latest_event}, {@code count},
 * {@code current_user_participated}), {@code m.reference} ("Reference relations": a
 * {@code chunk} of event IDs) and {@code m.replace} ("Event replacements", v1.7+: the most recent
 * valid edit, never for a redacted original). Annotations have no server aggregation in the spec.
 */
final class Aggregations {
    static final String THREAD = "m.thread";
    static final String REFERENCE = "m.reference";
    static final String REPLACE = "m.replace";
    /** Children read per relation type per page of parents; a thread beyond it counts as this many. */
    private static final int MAX_CHILDREN = 1_000;

    private final RoomStore store;
    private final EventFormatter formatter;

    Aggregations(RoomStore store, EventFormatter formatter) {
        this.store = store;
        this.formatter = formatter;
    }

    /** The {@code m.relations} object of each event that has one. */
    Map<EventId, ObjectNode> bundle(List<StoredEvent> events, HistoryVisibility.Viewer viewer, int nesting) {
        return bundle(events, viewer, nesting, parentsWithChildren(events));
    }

    /** Those of {@code events} that may carry aggregations: non-state events some event relates to. */
    java.util.Set<EventId> parentsWithChildren(List<StoredEvent> events) {
        return store.parentsWithRelations(events.stream().filter(e -> !e.pdu().isState()).toList());
    }

    /** As {@link #bundle(List, HistoryVisibility.Viewer, int)}, knowing which events have children at all. */
    Map<EventId, ObjectNode> bundle(List<StoredEvent> events, HistoryVisibility.Viewer viewer, int nesting,
                                    java.util.Set<EventId> withChildren) {
        Map<RoomId, List<StoredEvent>> byRoom = new LinkedHashMap<>();
        for (StoredEvent event : events) {
            if (!event.pdu().isState() && withChildren.contains(event.pdu().eventId())) {
                byRoom.computeIfAbsent(event.pdu().roomId(), r -> new ArrayList<>()).add(event);
            }
        }
        Map<EventId, ObjectNode> out = new HashMap<>();
        byRoom.forEach((room, parents) -> bundleRoom(room, parents, viewer, nesting, out));
        return out;
    }

    private void bundleRoom(RoomId room, List<StoredEvent> parents, HistoryVisibility.Viewer viewer, int nesting,
                            Map<EventId, ObjectNode> out) {
        List<EventId> ids = parents.stream().map(e -> e.pdu().eventId()).toList();
        Map<EventId, List<StoredEvent>> threads = children(room, ids, THREAD, viewer);
        Map<EventId, List<StoredEvent>> references = children(room, ids, REFERENCE, viewer);
        List<EventId> unredacted = parents.stream().filter(e -> e.redactedBy().isEmpty()).map(e -> e.pdu().eventId()).toList();
        Map<EventId, List<StoredEvent>> edits = children(room, unredacted, REPLACE, viewer);
        for (StoredEvent parent : parents) {
            EventId id = parent.pdu().eventId();
            ObjectNode relations = Json.MAPPER.createObjectNode();
            List<StoredEvent> thread = threads.getOrDefault(id, List.of());
            if (!thread.isEmpty()) {
                ObjectNode summary = relations.putObject(THREAD);
                // Children come newest first (topologically): the first is the latest.
                summary.set("latest_event", formatter.format(List.of(thread.getFirst()), viewer, nesting).getFirst());
                summary.put("count", thread.size());
                summary.put("current_user_participated", parent.pdu().sender().equals(viewer.user())
                        || thread.stream().anyMatch(e -> e.pdu().sender().equals(viewer.user())));
            }
            List<StoredEvent> referencing = references.getOrDefault(id, List.of());
            if (!referencing.isEmpty()) {
                ArrayNode chunk = relations.putObject(REFERENCE).putArray("chunk");
                // Oldest first, as clients list them.
                referencing.reversed().forEach(e -> chunk.addObject().put("event_id", e.pdu().eventId().value()));
            }
            latestValidEdit(parent.pdu(), edits.getOrDefault(id, List.of())).ifPresent(edit ->
                    relations.set(REPLACE, formatter.format(List.of(edit), viewer, 0).getFirst()));
            if (!relations.isEmpty()) {
                out.put(id, relations);
            }
        }
    }

    /** Visible children of each parent by one relation type, newest first. */
    private Map<EventId, List<StoredEvent>> children(RoomId room, List<EventId> parents, String relType,
                                                     HistoryVisibility.Viewer viewer) {
        Map<EventId, List<StoredEvent>> out = new HashMap<>();
        if (parents.isEmpty()) {
            return out;
        }
        for (StoredEvent child : store.relatedEvents(room, parents, Optional.of(relType), Optional.empty(),
                Topological.END.depth(), Topological.END.stream(), false, MAX_CHILDREN)) {
            JsonNode parent = child.pdu().content().path("m.relates_to").path("event_id");
            if (parent.isTextual() && viewer.canSee(child)) {
                out.computeIfAbsent(EventId.parse(parent.textValue()), p -> new ArrayList<>()).add(child);
            }
        }
        return out;
    }

    /**
     * "Validity of replacement events": same sender and type, neither a state event, the original
     * not itself an edit, the edit carrying {@code m.new_content}. The most recent by
     * {@code origin_server_ts}, then the lexicographically largest event ID.
     */
    private static Optional<StoredEvent> latestValidEdit(Pdu original, List<StoredEvent> edits) {
        if (original.isState() || REPLACE.equals(original.content().path("m.relates_to").path("rel_type").asText(null))) {
            return Optional.empty();
        }
        return edits.stream().filter(e -> {
            Pdu edit = e.pdu();
            return edit.sender().equals(original.sender()) && edit.type().equals(original.type()) && !edit.isState()
                    && edit.content().path("m.new_content").isObject();
        }).max(Comparator.<StoredEvent>comparingLong(e -> e.pdu().originServerTs())
                .thenComparing(e -> e.pdu().eventId().value()));
    }
}
