package dev.parley.service.room;

import dev.parley.core.error.MatrixException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pagination tokens of room history ({@code /messages}, {@code /context}, {@code /relations}).
 * A token names a gap between events, never an event; events are ordered topologically by
 * {@code (depth, stream ordering)}, which is unique per event because stream orderings are.
 *
 * <ul>
 *   <li>{@code t<depth>_<stream>} — topological: the gap just after the event at
 *       {@code (depth, stream)}; the events before it are those with {@code (d, s) <= (depth, stream)}.
 *       Paginating backwards from it returns those, newest first; forwards, the others, oldest first.
 *       {@code /messages} hands these out as {@code start} and {@code end}.</li>
 *   <li>{@code s<stream>} — stream: the gap after global stream position {@code stream}, as sync
 *       hands out in {@code prev_batch} / {@code next_batch}. It may carry further positions of
 *       other streams after an underscore ({@code s<stream>_<...>}); only the first, the room
 *       event stream, is read here. In a room it stands for {@code t<d>_<stream>} where {@code d}
 *       is the highest depth among the room's events up to {@code stream} (as Synapse does).</li>
 * </ul>
 */
public sealed interface PaginationToken {
    Pattern TOPOLOGICAL = Pattern.compile("t(\\d{1,19})_(\\d{1,19})");
    Pattern STREAM = Pattern.compile("s(\\d{1,19})(?:_[0-9A-Za-z_.~-]*)?");

    /** A topological position; also the form every stream token is resolved to in a room. */
    record Topological(long depth, long stream) implements PaginationToken, Comparable<Topological> {
        /** Before every event. */
        public static final Topological START = new Topological(0, 0);
        /** After every event. */
        public static final Topological END = new Topological(Long.MAX_VALUE, Long.MAX_VALUE);

        /** The gap just after an event at this depth and stream ordering. */
        public static Topological after(long depth, long stream) {
            return new Topological(depth, stream);
        }

        /** The gap just before an event at this depth and stream ordering. */
        public static Topological before(long depth, long stream) {
            return new Topological(depth, stream - 1);
        }

        @Override
        public int compareTo(Topological o) {
            int byDepth = Long.compare(depth, o.depth);
            return byDepth != 0 ? byDepth : Long.compare(stream, o.stream);
        }

        @Override
        public String toString() {
            return "t" + depth + "_" + stream;
        }
    }

    /** A position in the global event stream. */
    record Stream(long stream) implements PaginationToken {
        @Override
        public String toString() {
            return "s" + stream;
        }
    }

    /** @throws MatrixException {@code M_INVALID_PARAM} for anything else */
    static PaginationToken parse(String token) {
        try {
            Matcher m = TOPOLOGICAL.matcher(token);
            if (m.matches()) {
                return new Topological(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)));
            }
            m = STREAM.matcher(token);
            if (m.matches()) {
                return new Stream(Long.parseLong(m.group(1)));
            }
        } catch (NumberFormatException e) {
            // above Long.MAX_VALUE: no such position
        }
        throw MatrixException.invalidParam("Invalid pagination token");
    }
}
