package dev.parley.service.room;

import dev.parley.service.room.PaginationToken.Topological;
import dev.parley.store.StoredEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Walks events in topological order from a gap, one direction, keeping those a predicate accepts
 * (filter and history visibility) until {@code limit} are kept, the walk passes {@code to}, the
 * events run out, or a bounded number have been read — so a reader who may see nothing in a long
 * stretch of history gets an empty page with a token to continue, not an unbounded scan.
 */
final class HistoryScan {
    /** Events read per request at most, visible or not. */
    static final int MAX_READ = 5_000;

    /** Reads the next {@code n} events beyond a gap in the walk's direction. */
    @FunctionalInterface
    interface Source {
        List<StoredEvent> next(Topological gap, int n);
    }

    /**
     * @param next the gap after the last event read, where the next page starts
     * @param exhausted no events remain in the range (history's end or {@code to} reached)
     */
    record Page(List<StoredEvent> events, Topological next, boolean exhausted) {
    }

    private HistoryScan() {
    }

    static Page walk(Source source, Direction direction, Topological from, Optional<Topological> to, int limit,
                     Predicate<StoredEvent> keep) {
        List<StoredEvent> kept = new ArrayList<>();
        Topological gap = from;
        int read = 0;
        int batch = Math.min(Math.max(limit + 1, 20), 500);
        while (kept.size() < limit && read < MAX_READ) {
            List<StoredEvent> rows = source.next(gap, batch);
            for (StoredEvent event : rows) {
                Topological at = Topological.after(event.pdu().depth(), event.streamOrdering());
                if (to.isPresent() && (direction == Direction.BACKWARDS ? at.compareTo(to.get()) <= 0 : at.compareTo(to.get()) > 0)) {
                    return new Page(kept, gap, true);
                }
                gap = direction == Direction.BACKWARDS ? Topological.before(event.pdu().depth(), event.streamOrdering()) : at;
                read++;
                if (keep.test(event)) {
                    kept.add(event);
                    if (kept.size() == limit) {
                        boolean last = event == rows.getLast() && rows.size() < batch;
                        return new Page(kept, gap, last);
                    }
                }
            }
            if (rows.size() < batch) {
                return new Page(kept, gap, true);
            }
        }
        return new Page(kept, gap, false);
    }
}
