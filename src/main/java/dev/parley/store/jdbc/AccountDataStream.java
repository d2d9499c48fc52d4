package dev.parley.store.jdbc;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.parley.core.id.UserId;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * The per-user account data stream position, shared by every store that writes to the stream
 * (account data, push rules): one instance per database. The upsert locks the user's counter row
 * until the transaction ends, so a user's positions commit in the order they were handed out and
 * a reader asking "what changed after N" never misses a write that commits later with a smaller
 * number.
 *
 * <p>Every {@code /sync} asks for the position, so committed positions are also kept in memory:
 * a writer raises a kept entry after its commit, and a missing entry is read from the database
 * while its key is locked in the map, so a commit cannot slip between that read and the entry
 * being kept (the writer's raise waits for the read and then applies).
 */
public final class AccountDataStream {
    private static final int USERS_KEPT = 100_000;

    private final Database db;
    private final Cache<UserId, Long> committed = Caffeine.newBuilder().maximumSize(USERS_KEPT).build();

    public AccountDataStream(Database db) {
        this.db = db;
    }

    /** Takes the user's next position inside the caller's write transaction. */
    static long advance(Connection c, UserId user) throws SQLException {
        return Sql.one(c, """
                INSERT INTO account_data_positions (user_id, position) VALUES (?, 1)
                ON CONFLICT (user_id) DO UPDATE SET position = account_data_positions.position + 1
                RETURNING position""", rs -> rs.getLong(1), user.value()).orElseThrow();
    }

    /** After the transaction that took {@code position} for the user committed. */
    void committed(UserId user, long position) {
        committed.asMap().computeIfPresent(user, (u, kept) -> Math.max(kept, position));
    }

    /** The user's latest committed position; 0 before any write. */
    long current(UserId user) {
        return committed.get(user, u -> db.read(c -> Sql.count(c,
                "SELECT position FROM account_data_positions WHERE user_id = ?", u.value())));
    }
}
