package dev.parley.store.jdbc;

import dev.parley.core.id.UserId;
import dev.parley.store.OpenIdTokenStore;
import java.util.Optional;

public final class JdbcOpenIdTokenStore implements OpenIdTokenStore {
    private final Database db;

    public JdbcOpenIdTokenStore(Database db) {
        this.db = db;
    }

    @Override
    public void add(String tokenHash, UserId user, long expiresTs) {
        db.write(c -> Sql.update(c, "INSERT INTO openid_tokens (token_hash, user_id, expires_ts) VALUES (?, ?, ?)",
                tokenHash, user.value(), expiresTs));
    }

    @Override
    public Optional<UserId> owner(String tokenHash, long now) {
        return db.read(c -> Sql.one(c, "SELECT user_id FROM openid_tokens WHERE token_hash = ? AND expires_ts > ?",
                rs -> UserId.parse(rs.getString(1)), tokenHash, now));
    }

    @Override
    public void deleteExpired(long now) {
        db.write(c -> Sql.update(c, "DELETE FROM openid_tokens WHERE expires_ts <= ?", now));
    }
}
