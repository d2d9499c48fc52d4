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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Room history (Client-Server API, "Getting events for a room" and "Room history visibility"):
 * {@code /messages}, {@code /context} and {@code /timestamp_to_event}. Tokens are
 * {@link PaginationToken}s. A reader must be joined, a former member (who then sees what history
 * visibility allowed them), or reading a {@code world_readable} room; guests likewise. Every
 * event returned passes {@link HistoryVisibility}; events a reader may not see are left out.
 */
public final class RoomHistory {
    static final int DEFAULT_LIMIT = 10;
    static final int MAX_LIMIT = 1_000;
    private static final int TIMESTAMP_CANDIDATES = 100;

    private final RoomStore store;
    /** Current membership and visibility look-ups, shared with the other room services. */
    private final RoomPower power;
    private final StateGroups stateGroups;
    private final HistoryVisibility visibility;
    private final EventFormatter formatter;

    public RoomHistory(RoomStore store, StateGroups stateGroups, HistoryVisibility visibility, EventFormatter formatter) {
        this.store = store;
        this.power = new RoomPower(store);
        this.stateGroups = stateGroups;
        this.visibility = visibility;
        this.formatter = formatter;
    }

    /** A page of {@code /messages}; {@code end} is empty when no further events are available. */
    public record Messages(List<ObjectNode> chunk, String start, Optional<String> end, Optional<List<ObjectNode>> state) {
    }

    /** {@code /context}: the event with those just before (newest first) and after (oldest first). */
    public record Context(ObjectNode event, List<ObjectNode> eventsBefore, List<ObjectNode> eventsAfter, String start,
                          String end, List<ObjectNode> state) {
    }

    /** {@code /timestamp_to_event}'s answer. */
    public record Found(EventId eventId, long originServerTs) {
    }

    /** {@code GET /rooms/{roomId}/messages}. */
    public Messages messages(RoomId roomId, UserId user, Optional<String> from, Optional<String> to, Direction dir,
                             OptionalInt limit, RoomEventFilter filter) {
        requireReadable(roomId, user);
        int max = limit(limit.isPresent() ? limit : filter.limit());
        Topological start = from.map(token -> resolve(roomId, PaginationToken.parse(token))).orElseGet(() -> dir == Direction.BACKWARDS
                ? store.eventsBefore(roomId, Long.MAX_VALUE, Long.MAX_VALUE, 1).stream()
                        .map(e -> Topological.after(e.pdu().depth(), e.streamOrdering())).findFirst().orElse(Topological.START)
                : Topological.START);
        Optional<Topological> until = to.map(token -> resolve(roomId, PaginationToken.parse(token)));
        HistoryVisibility.Viewer viewer = visibility.viewer(user, roomId);
        HistoryScan.Page page = HistoryScan.walk(source(roomId, dir), dir, start, until, max,
                e -> filter.matches(e.pdu()) && viewer.canSee(e));
        Optional<List<ObjectNode>> state = filter.lazyLoadMembers()
                ? Optional.of(formatter.formatPlain(senderMemberships(page.events())))
                : Optional.empty();
        return new Messages(formatter.format(page.events(), viewer), start.toString(),
                page.exhausted() ? Optional.empty() : Optional.of(page.next().toString()), state);
    }

    /** {@code GET /rooms/{roomId}/context/{eventId}}: {@code limit} counts the events before and after together. */
    public Context context(RoomId roomId, UserId user, EventId eventId, OptionalInt limit, RoomEventFilter filter) {
        requireReadable(roomId, user);
        HistoryVisibility.Viewer viewer = visibility.viewer(user, roomId);
        StoredEvent event = store.event(eventId).filter(viewer::canSee)
                .orElseThrow(() -> MatrixException.notFound("Event not found"));
        int max = limit(limit.isPresent() ? limit : filter.limit());
        int beforeLimit = max / 2;
        long depth = event.pdu().depth();
        HistoryScan.Page before = HistoryScan.walk(source(roomId, Direction.BACKWARDS), Direction.BACKWARDS,
                Topological.before(depth, event.streamOrdering()), Optional.empty(), beforeLimit,
                e -> filter.matches(e.pdu()) && viewer.canSee(e));
        HistoryScan.Page after = HistoryScan.walk(source(roomId, Direction.FORWARDS), Direction.FORWARDS,
                Topological.after(depth, event.streamOrdering()), Optional.empty(), max - beforeLimit,
                e -> filter.matches(e.pdu()) && viewer.canSee(e));
        StoredEvent last = after.events().isEmpty() ? event : after.events().getLast();
        List<StoredEvent> returned = new ArrayList<>(before.events());
        returned.add(event);
        returned.addAll(after.events());
        return new Context(formatter.format(event, viewer), formatter.format(before.events(), viewer),
                formatter.format(after.events(), viewer), before.next().toString(), after.next().toString(),
                formatter.formatPlain(stateAt(last, filter, returned)));
    }

    /** {@code GET /rooms/{roomId}/timestamp_to_event}: the visible event closest to {@code ts} in direction {@code dir}. */
    public Found eventAt(RoomId roomId, UserId user, long ts, Direction dir) {
        requireReadable(roomId, user);
        HistoryVisibility.Viewer viewer = visibility.viewer(user, roomId);
        boolean forward = dir == Direction.FORWARDS;
        return store.eventsByTimestamp(roomId, ts, forward, TIMESTAMP_CANDIDATES).stream().filter(viewer::canSee).findFirst()
                .map(e -> new Found(e.pdu().eventId(), e.pdu().originServerTs()))
                .orElseThrow(() -> MatrixException.notFound("Unable to find event from " + ts + " in "
                        + (forward ? "forward" : "backward") + " direction"));
    }

    /**
     * Who may read the room's history at all: members, former members (left or banned), and
     * anyone while the room is {@code world_readable}. Others get {@code M_FORBIDDEN}, whether or
     * not the room exists.
     */
    public void requireReadable(RoomId roomId, UserId user) {
        String membership = power.membership(roomId, user).orElse("");
        if (membership.equals("join") || membership.equals("leave") || membership.equals("ban")) {
            return;
        }
        if (!power.isWorldReadable(roomId)) {
            throw MatrixException.forbidden("You are not allowed to view this room's history");
        }
    }

    /** A stream token stands, in a room, for the gap after the room's events up to that stream position. */
    Topological resolve(RoomId roomId, PaginationToken token) {
        return resolve(store, roomId, token);
    }

    static Topological resolve(RoomStore store, RoomId roomId, PaginationToken token) {
        return switch (token) {
            case Topological t -> t;
            case PaginationToken.Stream s -> new Topological(store.maxDepthUpTo(roomId, s.stream()), s.stream());
        };
    }

    private HistoryScan.Source source(RoomId roomId, Direction dir) {
        return dir == Direction.BACKWARDS
                ? (gap, n) -> store.eventsBefore(roomId, gap.depth(), gap.stream(), n)
                : (gap, n) -> store.eventsAfter(roomId, gap.depth(), gap.stream(), n);
    }

    /** The membership of each sender as of the latest of their events among {@code events} (lazy loading). */
    private List<StoredEvent> senderMemberships(List<StoredEvent> events) {
        Map<UserId, StoredEvent> latest = new LinkedHashMap<>();
        for (StoredEvent e : events) {
            latest.merge(e.pdu().sender(), e, (a, b) -> b.streamOrdering() > a.streamOrdering() ? b : a);
        }
        Set<EventId> ids = new LinkedHashSet<>();
        latest.forEach((sender, e) -> {
            EventId member = stateGroups.get(e.stateGroup()).get(StateKey.member(sender));
            if (member != null) {
                ids.add(member);
            }
        });
        return sorted(store.events(ids));
    }

    /**
     * The state at {@code at}, filtered: with lazy loading, only the memberships of the senders of
     * {@code returned} are kept among the member events.
     */
    private List<StoredEvent> stateAt(StoredEvent at, RoomEventFilter filter, List<StoredEvent> returned) {
        Map<StateKey, EventId> state = stateGroups.get(at.stateGroup());
        Set<String> senders = new LinkedHashSet<>();
        returned.forEach(e -> senders.add(e.pdu().sender().value()));
        List<EventId> ids = state.entrySet().stream()
                .filter(e -> !filter.lazyLoadMembers() || !StateKey.MEMBER.equals(e.getKey().type())
                        || senders.contains(e.getKey().stateKey()))
                .map(Map.Entry::getValue).toList();
        return sorted(store.events(ids).stream().filter(e -> filter.matches(e.pdu())).toList());
    }

    private static List<StoredEvent> sorted(List<StoredEvent> events) {
        return events.stream().sorted(Comparator.comparingLong(StoredEvent::streamOrdering)).toList();
    }

    private static int limit(OptionalInt requested) {
        int limit = requested.orElse(DEFAULT_LIMIT);
        if (limit < 0) {
            throw MatrixException.invalidParam("limit must not be negative");
        }
        return Math.min(limit, MAX_LIMIT);
    }
}
