package dev.parley.store.jdbc;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.core.id.UserId;
import dev.parley.store.UserDirectoryStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

public final class JdbcUserDirectoryStore implements UserDirectoryStore {
    private final Database db;

    public JdbcUserDirectoryStore(Database db) {
        this.db = db;
    }

    @Override
    public List<Entry> search(String term, int limit) {
        String escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        String anywhere = "%" + escaped + "%";
        return db.read(c -> Sql.list(c, """
                SELECT u.user_id, d.value AS displayname, a.value AS avatar_url
                FROM users u
                LEFT JOIN profile_fields d ON d.user_id = u.user_id AND d.field = 'displayname'
                LEFT JOIN profile_fields a ON a.user_id = u.user_id AND a.field = 'avatar_url'
                WHERE u.deactivated = FALSE AND u.guest = FALSE
                  AND (LOWER(u.user_id) LIKE ? ESCAPE '\\' OR d.search_text LIKE ? ESCAPE '\\')
                ORDER BY CASE WHEN LOWER(u.user_id) LIKE ? ESCAPE '\\' OR d.search_text LIKE ? ESCAPE '\\'
                              THEN 0 ELSE 1 END,
                         CASE WHEN d.value IS NULL THEN 1 ELSE 0 END,
                         u.user_id
                LIMIT ?""", JdbcUserDirectoryStore::entry,
                anywhere, anywhere, "@" + escaped + "%", escaped + "%", limit));
    }

    private static Entry entry(ResultSet rs) throws SQLException {
        return new Entry(UserId.parse(rs.getString("user_id")), text(rs.getString("displayname")),
                text(rs.getString("avatar_url")));
    }

    /** A profile field's value when it is a JSON string; anything else is not a name or URL. */
    private static Optional<String> text(String json) {
        if (json == null) {
            return Optional.empty();
        }
        JsonNode value = JsonColumns.read(json);
        return value.isTextual() ? Optional.of(value.asText()) : Optional.empty();
    }
}
