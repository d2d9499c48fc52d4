package dev.parley.store.jdbc;

import dev.parley.store.RegistrationTokenRow;
import dev.parley.store.RegistrationTokenStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

public final class JdbcRegistrationTokenStore implements RegistrationTokenStore {
    private static final String COLUMNS = "token, uses_allowed, pending, completed, expiry_time";

    private final Database db;

    public JdbcRegistrationTokenStore(Database db) {
        this.db = db;
    }

    @Override
    public boolean create(RegistrationTokenRow t) {
        return db.write(c -> Sql.update(c, "INSERT INTO registration_tokens (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?)"
                + " ON CONFLICT (token) DO NOTHING", t.token(), t.usesAllowed(), t.pending(), t.completed(), t.expiryTime()) == 1);
    }

    @Override
    public Optional<RegistrationTokenRow> find(String token) {
        return db.read(c -> Sql.one(c, "SELECT " + COLUMNS + " FROM registration_tokens WHERE token = ?",
                JdbcRegistrationTokenStore::row, token));
    }

    @Override
    public List<RegistrationTokenRow> list() {
        return db.read(c -> Sql.list(c, "SELECT " + COLUMNS + " FROM registration_tokens ORDER BY token",
                JdbcRegistrationTokenStore::row));
    }

    @Override
    public boolean delete(String token) {
        return db.write(c -> Sql.update(c, "DELETE FROM registration_tokens WHERE token = ?", token) == 1);
    }

    @Override
    public boolean reserve(String token, long now) {
        // One conditional UPDATE: two registrations racing for the last use cannot both win.
        return db.write(c -> Sql.update(c, """
                UPDATE registration_tokens SET pending = pending + 1
                WHERE token = ? AND (expiry_time IS NULL OR expiry_time > ?)
                  AND (uses_allowed IS NULL OR pending + completed < uses_allowed)""", token, now) == 1);
    }

    @Override
    public void release(String token) {
        db.write(c -> Sql.update(c,
                "UPDATE registration_tokens SET pending = pending - 1 WHERE token = ? AND pending > 0", token));
    }

    @Override
    public void complete(String token) {
        db.write(c -> Sql.update(c, """
                UPDATE registration_tokens SET pending = CASE WHEN pending > 0 THEN pending - 1 ELSE 0 END,
                    completed = completed + 1
                WHERE token = ?""", token));
    }

    private static RegistrationTokenRow row(ResultSet rs) throws SQLException {
        int uses = rs.getInt("uses_allowed");
        Optional<Integer> usesAllowed = rs.wasNull() ? Optional.empty() : Optional.of(uses);
        return new RegistrationTokenRow(rs.getString("token"), usesAllowed, rs.getInt("pending"),
                rs.getInt("completed"), Sql.optionalLong(rs, "expiry_time"));
    }
}
