package dev.parley.service.room;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.auth.StateKey;
import dev.parley.core.error.MatrixException;
import dev.parley.core.id.EventId;
import dev.parley.core.id.RoomId;
import dev.parley.core.id.UserId;
import dev.parley.service.room.PaginationToken.Topological;
import dev.parley.store.RoomStore;
import dev.parley.store.StoredEvent;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Reading rooms (Client-Server API, "Getting events for a room"): single events, state and
 * members, each read checked against the reader's membership and the history visibility. A
 * forgotten room reads as one the user was never in.
 */
public final class RoomReads {
    private final RoomStore store;
    /** Current membership and visibility look-ups, shared with the other room services. */
    private final RoomPower power;
    private final StateGroups stateGroups;
    private final HistoryVisibility visibility;
    private final EventFormatter formatter;
    private final ForgottenRooms forgotten;

    public RoomReads(RoomStore store, StateGroups stateGroups, HistoryVisibility visibility, EventFormatter formatter,
                     ForgottenRooms forgotten) {
        this.store = store;
        this.power = new RoomPower(store);
        this.stateGroups = stateGroups;
        this.visibility = visibility;
        this.formatter = formatter;
        this.forgotten = forgotten;
    }

    /**
     * {@code GET /rooms/{roomId}/event/{eventId}}: 404 unless the event is in the room and visible;
     * a redacted event with its {@code redacted_because}, and with its bundled aggregations.
     */
    public ObjectNode event(RoomId roomId, EventId eventId, UserId viewer) {
        HistoryVisibility.Viewer reader = visibility.viewer(viewer, roomId);
        StoredEvent event = store.event(eventId).filter(reader::canSee)
                .orElseThrow(() -> MatrixException.notFound("Event not found"));
        return formatter.format(event, reader);
    }

    /** {@code GET /rooms/{roomId}/state}: the current state for members; for former members, the state when they left. */
    public List<ObjectNode> state(RoomId roomId, UserId viewer) {
        return formatted(visibleState(roomId, viewer).values(), e -> true);
    }

    /** {@code GET /rooms/{roomId}/state/{eventType}/{stateKey}}: the content of one state event. */
    public ObjectNode stateContent(RoomId roomId, UserId viewer, String type, String stateKey) {
        return store.event(stateEventId(roomId, viewer, type, stateKey)).orElseThrow().pdu().content();
    }

    /** The same with {@code ?format=event} (v1.16): the whole state event, formatted for clients. */
    public ObjectNode stateEvent(RoomId roomId, UserId viewer, String type, String stateKey) {
        return formatted(List.of(stateEventId(roomId, viewer, type, stateKey)), e -> true).getFirst();
    }

    private EventId stateEventId(RoomId roomId, UserId viewer, String type, String stateKey) {
        EventId id = visibleState(roomId, viewer).get(new StateKey(type, stateKey));
        if (id == null) {
            throw MatrixException.notFound("No " + type + " state with key '" + stateKey + "'");
        }
        return id;
    }

    /**
     * {@code GET /rooms/{roomId}/members}: membership events, optionally only those whose
     * membership is {@code membership} or is not {@code notMembership}; with {@code at} (a
     * {@link PaginationToken}, such as sync's {@code prev_batch}), as they were at that point —
     * for a former member, at the latest when they left.
     */
    public List<ObjectNode> members(RoomId roomId, UserId viewer, Optional<String> at, Optional<String> membership,
                                    Optional<String> notMembership) {
        Optional<PaginationToken> token = at.map(PaginationToken::parse);
        Map<StateKey, EventId> state = token.isEmpty() ? visibleState(roomId, viewer) : visibleStateAt(roomId, viewer, token.get());
        List<EventId> ids = state.entrySet().stream()
                .filter(e -> StateKey.MEMBER.equals(e.getKey().type())).map(Map.Entry::getValue).toList();
        return formatted(ids, event -> {
            String m = event.pdu().content().path("membership").asText();
            return membership.map(m::equals).orElse(true) && notMembership.map(n -> !n.equals(m)).orElse(true);
        });
    }

    /** The state at a token, capped at the viewer's leaving if they left before it. */
    private Map<StateKey, EventId> visibleStateAt(RoomId roomId, UserId viewer, PaginationToken token) {
        Map<StateKey, EventId> visibleNow = visibleState(roomId, viewer);
        Topological gap = RoomHistory.resolve(store, roomId, token);
        Optional<StoredEvent> atEvent = store.eventsBefore(roomId, gap.depth(), gap.stream(), 1).stream().findFirst();
        if (atEvent.isEmpty()) {
            return Map.of();
        }
        if (!power.isJoined(roomId, viewer) && !power.isWorldReadable(roomId)) {
            Optional<StoredEvent> left = Optional.ofNullable(visibleNow.get(StateKey.member(viewer))).flatMap(store::event);
            if (left.isPresent() && position(left.get()).compareTo(position(atEvent.get())) < 0) {
                return visibleNow;
            }
        }
        return stateGroups.get(atEvent.get().stateGroup());
    }

    private static Topological position(StoredEvent event) {
        return Topological.after(event.pdu().depth(), event.streamOrdering());
    }

    /** {@code GET /rooms/{roomId}/joined_members}: joined users with their display names and avatars. */
    public Map<String, Map<String, String>> joinedMembers(RoomId roomId, UserId viewer) {
        requireJoined(roomId, viewer);
        Map<String, Map<String, String>> joined = new LinkedHashMap<>();
        for (ObjectNode member : members(roomId, viewer, Optional.empty(), Optional.of("join"), Optional.empty())) {
            Map<String, String> profile = new LinkedHashMap<>();
            ObjectNode content = (ObjectNode) member.get("content");
            if (content.path("displayname").isTextual()) {
                profile.put("display_name", content.get("displayname").asText());
            }
            if (content.path("avatar_url").isTextual()) {
                profile.put("avatar_url", content.get("avatar_url").asText());
            }
            joined.put(member.get("state_key").asText(), profile);
        }
        return joined;
    }

    /** {@code GET /joined_rooms}. */
    public List<RoomId> joinedRooms(UserId user) {
        return store.roomsWithMembership(user, "join");
    }

    private Map<StateKey, EventId> visibleState(RoomId roomId, UserId viewer) {
        if (store.room(roomId).isEmpty()) {
            throw MatrixException.forbidden("You are not in this room");
        }
        Optional<StoredEvent> member = store.currentStateEvent(roomId, StateKey.member(viewer)).flatMap(store::event);
        String membership = member.map(e -> e.pdu().content().path("membership").asText()).orElse("");
        if (forgotten.isForgotten(viewer, roomId)) {
            membership = "forgotten";
        }
        return switch (membership) {
            case "join" -> store.currentState(roomId);
            case "leave", "ban" -> stateGroups.get(member.get().stateGroup());
            default -> {
                if (power.isWorldReadable(roomId)) {
                    yield store.currentState(roomId);
                }
                throw MatrixException.forbidden("You are not in this room");
            }
        };
    }

    private void requireJoined(RoomId roomId, UserId user) {
        if (!power.isJoined(roomId, user)) {
            throw MatrixException.forbidden("You are not in this room");
        }
    }

    private List<ObjectNode> formatted(java.util.Collection<EventId> ids, Predicate<StoredEvent> keep) {
        return formatter.formatPlain(store.events(ids).stream().filter(keep)
                .sorted(Comparator.comparingLong(StoredEvent::streamOrdering)).toList());
    }
}
