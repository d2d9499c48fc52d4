package dev.parley.service.room;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.error.MatrixException;
import dev.parley.core.id.EventId;
import dev.parley.core.id.RoomId;
import dev.parley.core.id.UserId;
import dev.parley.service.room.PaginationToken.Topological;
import dev.parley.store.RoomStore;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * {@code GET /rooms/{roomId}/relations/{eventId}[/{relType}[/{eventType}]]} (Client-Server API,
 * "Relationships API"): the child events of a parent, newest first by default, paginated with
 * {@link PaginationToken}s like {@code /messages}. With {@code recurse}, children of children are
 * included up to {@link #MAX_RECURSION} levels, each level filtered like the first, so an event
 * related only through a non-matching event is left out (as the spec says).
 */
public final class Relations {
    static final int MAX_RECURSION = 3;
    static final int DEFAULT_LIMIT = 5;
    static final int MAX_LIMIT = 100;
    /** Parents searched at most when recursing (the deeper levels of a very large thread are cut). */
    private static final int MAX_PARENTS = 1_000;

    private final RoomStore store;
    private final HistoryVisibility visibility;
    private final RoomHistory history;
    private final EventFormatter formatter;

    public Relations(RoomStore store, HistoryVisibility visibility, RoomHistory history, EventFormatter formatter) {
        this.store = store;
        this.visibility = visibility;
        this.history = history;
        this.formatter = formatter;
    }

    /** A page of child events; {@code recursionDepth} only when the client asked for {@code recurse}. */
    public record Page(List<ObjectNode> chunk, Optional<String> nextBatch, Optional<String> prevBatch,
                       OptionalInt recursionDepth) {
    }

    /** The query of one request. */
    public record Query(Optional<String> relType, Optional<String> eventType, Optional<String> from, Optional<String> to,
                        OptionalInt limit, Optional<Direction> dir, Optional<Boolean> recurse) {
    }

    /** @throws MatrixException {@code M_NOT_FOUND} when the parent is unknown or not visible to {@code user} */
    public Page children(RoomId roomId, UserId user, EventId parentId, Query query) {
        HistoryVisibility.Viewer viewer = visibility.viewer(user, roomId);
        try {
            history.requireReadable(roomId, user);
        } catch (MatrixException e) {
            throw MatrixException.notFound("Event not found");
        }
        store.event(parentId).filter(viewer::canSee).orElseThrow(() -> MatrixException.notFound("Event not found"));
        int limit = query.limit().orElse(DEFAULT_LIMIT);
        if (limit < 0) {
            throw MatrixException.invalidParam("limit must not be negative");
        }
        limit = Math.min(limit, MAX_LIMIT);
        Direction dir = query.dir().orElse(Direction.BACKWARDS);
        boolean recurse = query.recurse().orElse(false);
        Set<EventId> parents = new LinkedHashSet<>(List.of(parentId));
        int depth = 1;
        if (recurse) {
            List<EventId> level = List.of(parentId);
            while (depth < MAX_RECURSION && parents.size() < MAX_PARENTS) {
                List<EventId> next = new ArrayList<>();
                for (EventId child : store.relatedEventIds(roomId, level, query.relType(), query.eventType())) {
                    if (parents.add(child)) {
                        next.add(child);
                    }
                }
                if (next.isEmpty()) {
                    break;
                }
                depth++;
                level = next;
            }
        }
        List<EventId> searched = List.copyOf(parents).subList(0, Math.min(parents.size(), MAX_PARENTS));
        Topological start = query.from().map(t -> history.resolve(roomId, PaginationToken.parse(t)))
                .orElse(dir == Direction.BACKWARDS ? Topological.END : Topological.START);
        Optional<Topological> until = query.to().map(t -> history.resolve(roomId, PaginationToken.parse(t)));
        boolean forward = dir == Direction.FORWARDS;
        HistoryScan.Page page = HistoryScan.walk((gap, n) -> store.relatedEvents(roomId, searched, query.relType(),
                query.eventType(), gap.depth(), gap.stream(), forward, n), dir, start, until, limit, viewer::canSee);
        return new Page(formatter.format(page.events(), viewer),
                page.exhausted() ? Optional.empty() : Optional.of(page.next().toString()),
                query.from(), recurse ? OptionalInt.of(depth) : OptionalInt.empty());
    }
}
