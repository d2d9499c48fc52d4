package dev.parley.store.jdbc;

import dev.parley.core.id.UserId;
import dev.parley.store.AccessTokenRow;
import dev.parley.store.AccessTokenStore;
import dev.parley.store.RefreshTokenRow;
import java.sql.Connection;
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
        db.write(c -> insert(c, token));
    }

    private static int insert(Connection c, AccessTokenRow token) throws SQLException {
        return Sql.update(c, """
                INSERT INTO access_tokens (token_hash, user_id, device_id, created_ts, expires_ts, refresh_token_hash)
                VALUES (?, ?, ?, ?, ?, ?)""",
                token.tokenHash(), token.userId().value(), token.deviceId(), token.createdTs(), token.expiresTs(),
                token.refreshTokenHash());
    }

    @Override
    public Optional<AccessTokenRow> find(String tokenHash) {
        return db.read(c -> Sql.one(c, """
                SELECT token_hash, user_id, device_id, created_ts, expires_ts, refresh_token_hash
                FROM access_tokens WHERE token_hash = ?""", JdbcAccessTokenStore::row, tokenHash));
    }

    @Override
    public boolean delete(String tokenHash) {
        return db.write(c -> Sql.update(c, "DELETE FROM access_tokens WHERE token_hash = ?", tokenHash) == 1);
    }

    @Override
    public int deleteAllFor(UserId userId) {
        return db.write(c -> {
            Sql.update(c, "DELETE FROM refresh_tokens WHERE user_id = ?", userId.value());
            return Sql.update(c, "DELETE FROM access_tokens WHERE user_id = ?", userId.value());
        });
    }

    @Override
    public void deleteForDevice(UserId userId, String deviceId) {
        db.write(c -> {
            Sql.update(c, "DELETE FROM refresh_tokens WHERE user_id = ? AND device_id = ?", userId.value(), deviceId);
            return Sql.update(c, "DELETE FROM access_tokens WHERE user_id = ? AND device_id = ?", userId.value(), deviceId);
        });
    }

    @Override
    public void createRefresh(RefreshTokenRow token) {
        db.write(c -> insertRefresh(c, token));
    }

    private static int insertRefresh(Connection c, RefreshTokenRow token) throws SQLException {
        return Sql.update(c, """
                INSERT INTO refresh_tokens (token_hash, user_id, device_id, created_ts, previous_token_hash)
                VALUES (?, ?, ?, ?, ?)""",
                token.tokenHash(), token.userId().value(), token.deviceId(), token.createdTs(), token.previousTokenHash());
    }

    @Override
    public Optional<RefreshTokenRow> findRefresh(String tokenHash) {
        return db.read(c -> Sql.one(c, """
                SELECT token_hash, user_id, device_id, created_ts, previous_token_hash
                FROM refresh_tokens WHERE token_hash = ?""", rs -> new RefreshTokenRow(rs.getString("token_hash"),
                UserId.parse(rs.getString("user_id")), rs.getString("device_id"), rs.getLong("created_ts"),
                Optional.ofNullable(rs.getString("previous_token_hash"))), tokenHash));
    }

    @Override
    public void rotate(RefreshTokenRow used, RefreshTokenRow newRefresh, AccessTokenRow newAccess) {
        db.write(c -> {
            // Using a refresh token also proves its own predecessor is no longer needed.
            used.previousTokenHash().ifPresent(previous -> deleteRefresh(c, previous));
            Sql.update(c, "DELETE FROM access_tokens WHERE refresh_token_hash = ?", used.tokenHash());
            insertRefresh(c, newRefresh);
            return insert(c, newAccess);
        });
    }

    @Override
    public void revokePrevious(String refreshTokenHash) {
        db.write(c -> {
            Optional<String> previous = Sql.one(c, "SELECT previous_token_hash FROM refresh_tokens WHERE token_hash = ?",
                    rs -> rs.getString(1), refreshTokenHash);
            if (previous.isPresent()) {
                deleteRefresh(c, previous.get());
                Sql.update(c, "UPDATE refresh_tokens SET previous_token_hash = NULL WHERE token_hash = ?", refreshTokenHash);
            }
            return null;
        });
    }

    private static void deleteRefresh(Connection c, String tokenHash) {
        try {
            Sql.update(c, "DELETE FROM access_tokens WHERE refresh_token_hash = ?", tokenHash);
            Sql.update(c, "DELETE FROM refresh_tokens WHERE token_hash = ?", tokenHash);
        } catch (SQLException e) {
            throw new dev.parley.store.StoreException("cannot revoke refresh token", e);
        }
    }

    private static AccessTokenRow row(ResultSet rs) throws SQLException {
        return new AccessTokenRow(rs.getString("token_hash"), UserId.parse(rs.getString("user_id")),
                Optional.ofNullable(rs.getString("device_id")), rs.getLong("created_ts"),
                Sql.optionalLong(rs, "expires_ts"), Optional.ofNullable(rs.getString("refresh_token_hash")));
    }
}
