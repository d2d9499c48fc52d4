package dev.parley.store.jdbc;

import dev.parley.core.id.UserId;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Serialises one user's read-check-write transactions (profile size checks, push rule ordering,
 * filter IDs) by locking the user's row. SQLite has a single writer, so there it only reads.
 */
final class UserRowLock {
    private UserRowLock() {
    }

    /** @return whether the user exists */
    static boolean lock(Connection c, Dialect dialect, UserId user) throws SQLException {
        return Sql.one(c, "SELECT user_id FROM users WHERE user_id = ?" + dialect.forUpdate(),
                rs -> rs.getString(1), user.value()).isPresent();
    }
}
