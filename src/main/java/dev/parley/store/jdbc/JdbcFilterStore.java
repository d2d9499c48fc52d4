package dev.parley.store.jdbc;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.id.UserId;
import dev.parley.core.json.CanonicalJson;
import dev.parley.store.FilterStore;
import java.util.Optional;

public final class JdbcFilterStore implements FilterStore {
    private final Database db;

    public JdbcFilterStore(Database db) {
        this.db = db;
    }

    @Override
    public long add(UserId user, ObjectNode filter) {
        String definition = CanonicalJson.encodeToString(filter, CanonicalJson.Mode.LENIENT);
        return db.write(c -> {
            UserRowLock.lock(c, db.dialect(), user);
            Optional<Long> existing = Sql.one(c, "SELECT filter_id FROM filters WHERE user_id = ? AND definition = ?",
                    rs -> rs.getLong(1), user.value(), definition);
            if (existing.isPresent()) {
                return existing.get();
            }
            long id = Sql.count(c, "SELECT COALESCE(MAX(filter_id) + 1, 0) FROM filters WHERE user_id = ?", user.value());
            Sql.update(c, "INSERT INTO filters (user_id, filter_id, definition) VALUES (?, ?, ?)",
                    user.value(), id, definition);
            return id;
        });
    }

    @Override
    public Optional<ObjectNode> find(UserId user, long filterId) {
        return db.read(c -> Sql.one(c, "SELECT definition FROM filters WHERE user_id = ? AND filter_id = ?",
                rs -> JsonColumns.readObject(rs.getString(1)), user.value(), filterId));
    }
}
