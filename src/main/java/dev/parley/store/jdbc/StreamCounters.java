package dev.parley.store.jdbc;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Positions of the streams kept in {@code stream_positions} (receipts, presence, to-device, device lists). The
 * update locks the stream's row until the transaction ends, so positions commit in the order
 * they were handed out, and a position is never reused, even after the rows holding it are
 * replaced or deleted.
 */
final class StreamCounters {
    static final String RECEIPTS = "receipts";
    static final String PRESENCE = "presence";
    static final String TO_DEVICE = "to_device";
    static final String DEVICE_LISTS = "device_lists";
    /** Not a stream: report IDs, counted here so one is never reused. */
    static final String REPORTS = "reports";

    private StreamCounters() {
    }

    /** Takes the next {@code count} positions inside the caller's write transaction; returns the last. */
    static long advance(Connection c, String stream, long count) throws SQLException {
        return Sql.one(c, "UPDATE stream_positions SET position = position + ? WHERE stream = ? RETURNING position",
                rs -> rs.getLong(1), count, stream).orElseThrow(() -> new IllegalStateException("no stream " + stream));
    }

    static long current(Connection c, String stream) throws SQLException {
        return Sql.count(c, "SELECT position FROM stream_positions WHERE stream = ?", stream);
    }
}
