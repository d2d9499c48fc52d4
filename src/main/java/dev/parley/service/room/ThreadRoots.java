package dev.parley.service.room;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.error.MatrixException;
import dev.parley.core.id.RoomId;
import dev.parley.core.id.UserId;
import dev.parley.store.RoomStore;
import dev.parley.store.RoomStore.ThreadActivity;
import dev.parley.store.StoredEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * {@code GET /rooms/{roomId}/threads} (Client-Server API, "Threading", {@code threads_list.yaml}):
 * the room's thread roots, most recently active first, each with its bundled aggregations (the
 * {@code m.thread} summary). Tokens are stream tokens ({@code s<stream>}): the next page holds
 * the threads whose latest event came at or before that position, so a sync token works too.
 * Roots the reader may not see (history visibility) are left out.
 */
public final class ThreadRoots {
    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;

    private final RoomStore store;
    private final HistoryVisibility visibility;
    private final RoomHistory history;
    private final EventFormatter formatter;

    public ThreadRoots(RoomStore store, HistoryVisibility visibility, RoomHistory history, EventFormatter formatter) {
        this.store = store;
        this.visibility = visibility;
        this.history = history;
        this.formatter = formatter;
    }

    /** Which threads: all, or those the reader started or replied in. */
    public enum Include {
        ALL, PARTICIPATED;

        /** @throws MatrixException {@code M_INVALID_PARAM} for anything but {@code all} and {@code participated} */
        public static Include parse(String value) {
            return switch (value) {
                case "all" -> ALL;
                case "participated" -> PARTICIPATED;
                default -> throw MatrixException.invalidParam("include must be all or participated");
            };
        }
    }

    /** A page of thread roots; {@code nextBatch} is absent on the last page. */
    public record Page(List<ObjectNode> chunk, Optional<String> nextBatch) {
    }

    /** @throws MatrixException {@code M_FORBIDDEN} when the user may not read the room (or it does not exist) */
    public Page list(RoomId roomId, UserId user, Include include, OptionalInt limit, Optional<String> from) {
        int max = limit.orElse(DEFAULT_LIMIT);
        if (max < 1) {
            throw MatrixException.invalidParam("limit must be greater than zero");
        }
        max = Math.min(max, MAX_LIMIT);
        long upTo = from.map(PaginationToken::parse).map(ThreadRoots::streamOf).orElse(Long.MAX_VALUE);
        history.requireReadable(roomId, user);
        HistoryVisibility.Viewer viewer = visibility.viewer(user, roomId);
        Optional<UserId> participant = include == Include.PARTICIPATED ? Optional.of(user) : Optional.empty();
        List<StoredEvent> roots = new ArrayList<>();
        long scanned = upTo;
        boolean more = false;
        // Roots the reader may not see are skipped, so read batches until the page is full (with
        // one root to spare, which tells that a further page exists) or the threads run out.
        while (!more) {
            List<ThreadActivity> batch = store.threadRoots(roomId, participant, scanned, max + 1);
            Map<String, StoredEvent> events = new HashMap<>();
            store.events(batch.stream().map(ThreadActivity::root).toList())
                    .forEach(e -> events.put(e.pdu().eventId().value(), e));
            for (ThreadActivity thread : batch) {
                StoredEvent root = events.get(thread.root().value());
                if (root == null || !viewer.canSee(root)) {
                    continue;
                }
                if (roots.size() == max) {
                    more = true;
                    break;
                }
                roots.add(root);
                upTo = thread.latestStream() - 1;
            }
            if (batch.size() <= max) {
                break;
            }
            scanned = batch.getLast().latestStream() - 1;
        }
        return new Page(formatter.format(roots, viewer),
                more ? Optional.of(new PaginationToken.Stream(upTo).toString()) : Optional.empty());
    }

    private static long streamOf(PaginationToken token) {
        return switch (token) {
            case PaginationToken.Topological t -> t.stream();
            case PaginationToken.Stream s -> s.stream();
        };
    }
}
