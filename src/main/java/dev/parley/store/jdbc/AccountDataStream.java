package dev.parley.store.jdbc;

import dev.parley.core.id.UserId;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * The per-user account data stream position. The upsert locks the user's counter row until the
 * transaction ends, so a user's positions commit in the order they were handed out and a reader
 * asking "what changed after N" never misses a write that commits later with a smaller number.
 */
final class AccountDataStream {
    private AccountDataStream() {
    }

    /** Takes the user's next position inside the caller's write transaction. */
    static long advance(Connection c, UserId user) throws SQLException {
        return Sql.one(c, """
                INSERT INTO account_data_positions (user_id, position) VALUES (?, 1)
                ON CONFLICT (user_id) DO UPDATE SET position = account_data_positions.position + 1
                RETURNING position""", rs -> rs.getLong(1), user.value()).orElseThrow();
    }

    static long current(Connection c, UserId user) throws SQLException {
        return Sql.count(c, "SELECT position FROM account_data_positions WHERE user_id = ?", user.value());
    }
}
