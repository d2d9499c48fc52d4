package dev.parley.store.jdbc;

import dev.parley.core.id.UserId;
import dev.parley.store.AccessTokenRow;
import dev.parley.store.AccessTokenStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

public final class JdbcAccessTokenStore implements AccessTokenStore {
    private final Database db;

    public JdbcAccessTokenStore(Database db) {
        this.db = db;
    }

    @Override
    public void create(AccessTokenRow token) {
        db.write(c -> Sql.update(c, """
                INSERT INTO access_tokens (token_hash, user_id, device_id, created_ts, expires_ts)
                VALUES (?, ?, ?, ?, ?)""",
                token.tokenHash(), token.userId().value(), token.deviceId(), token.createdTs(), token.expiresTs()));
    }

    @Override
    public Optional<AccessTokenRow> find(String tokenHash) {
        return db.read(c -> Sql.one(c, """
                SELECT token_hash, user_id, device_id, created_ts, expires_ts
                FROM access_tokens WHERE token_hash = ?""", JdbcAccessTokenStore::row, tokenHash));
    }

    @Override
    public boolean delete(String tokenHash) {
        return db.write(c -> Sql.update(c, "DELETE FROM access_tokens WHERE token_hash = ?", tokenHash) == 1);
    }

    @Override
    public int deleteAllFor(UserId userId) {
        return db.write(c -> Sql.update(c, "DELETE FROM access_tokens WHERE user_id = ?", userId.value()));
    }

    private static AccessTokenRow row(ResultSet rs) throws SQLException {
        return new AccessTokenRow(rs.getString("token_hash"), UserId.parse(rs.getString("user_id")),
                Optional.ofNullable(rs.getString("device_id")), rs.getLong("created_ts"),
                Sql.optionalLong(rs, "expires_ts"));
    }
}
