package dev.parley.store.jdbc;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.core.id.UserId;
import dev.parley.store.ProfileStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Predicate;

public final class JdbcProfileStore implements ProfileStore {
    private final Database db;

    public JdbcProfileStore(Database db) {
        this.db = db;
    }

    @Override
    public SortedMap<String, JsonNode> profile(UserId user) {
        return db.read(c -> load(c, user));
    }

    @Override
    public Optional<JsonNode> field(UserId user, String field) {
        return db.read(c -> Sql.one(c, "SELECT value FROM profile_fields WHERE user_id = ? AND field = ?",
                rs -> JsonColumns.read(rs.getString(1)), user.value(), field));
    }

    @Override
    public boolean set(UserId user, String field, JsonNode value, Predicate<SortedMap<String, JsonNode>> fits) {
        return db.write(c -> {
            UserRowLock.lock(c, db.dialect(), user);
            SortedMap<String, JsonNode> after = load(c, user);
            after.put(field, value);
            if (!fits.test(after)) {
                return false;
            }
            Sql.update(c, """
                    INSERT INTO profile_fields (user_id, field, value, search_text) VALUES (?, ?, ?, ?)
                    ON CONFLICT (user_id, field) DO UPDATE SET value = excluded.value, search_text = excluded.search_text""",
                    user.value(), field, JsonColumns.write(value),
                    value.isTextual() ? value.asText().toLowerCase(Locale.ROOT) : null);
            return true;
        });
    }

    @Override
    public boolean delete(UserId user, String field) {
        return db.write(c -> Sql.update(c, "DELETE FROM profile_fields WHERE user_id = ? AND field = ?",
                user.value(), field) == 1);
    }

    @Override
    public void deleteAll(UserId user) {
        db.write(c -> Sql.update(c, "DELETE FROM profile_fields WHERE user_id = ?", user.value()));
    }

    private static SortedMap<String, JsonNode> load(Connection c, UserId user) throws SQLException {
        SortedMap<String, JsonNode> profile = new TreeMap<>();
        for (String[] row : Sql.list(c, "SELECT field, value FROM profile_fields WHERE user_id = ?",
                rs -> new String[] {rs.getString(1), rs.getString(2)}, user.value())) {
            profile.put(row[0], JsonColumns.read(row[1]));
        }
        return profile;
    }
}
