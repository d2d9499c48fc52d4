package dev.parley.store.jdbc;

import dev.parley.core.id.RoomAlias;
import dev.parley.core.id.RoomId;
import dev.parley.core.id.UserId;
import dev.parley.store.RoomAliasStore;
import java.util.List;
import java.util.Optional;

public final class JdbcRoomAliasStore implements RoomAliasStore {
    private final Database db;

    public JdbcRoomAliasStore(Database db) {
        this.db = db;
    }

    @Override
    public boolean create(RoomAlias alias, RoomId roomId, UserId creator) {
        return db.write(c -> Sql.update(c, "INSERT INTO room_aliases (alias, room_id, creator) VALUES (?, ?, ?)"
                + " ON CONFLICT (alias) DO NOTHING", alias.value(), roomId.value(), creator.value()) == 1);
    }

    @Override
    public Optional<RoomId> resolve(RoomAlias alias) {
        return db.read(c -> Sql.one(c, "SELECT room_id FROM room_aliases WHERE alias = ?",
                rs -> RoomId.parse(rs.getString(1)), alias.value()));
    }

    @Override
    public Optional<UserId> creator(RoomAlias alias) {
        return db.read(c -> Sql.one(c, "SELECT creator FROM room_aliases WHERE alias = ?",
                rs -> UserId.parse(rs.getString(1)), alias.value()));
    }

    @Override
    public boolean delete(RoomAlias alias) {
        return db.write(c -> Sql.update(c, "DELETE FROM room_aliases WHERE alias = ?", alias.value()) == 1);
    }

    @Override
    public List<RoomAlias> aliasesOf(RoomId roomId) {
        return db.read(c -> Sql.list(c, "SELECT alias FROM room_aliases WHERE room_id = ? ORDER BY alias",
                rs -> RoomAlias.parse(rs.getString(1)), roomId.value()));
    }

    @Override
    public void setPublished(RoomId roomId, boolean published) {
        db.write(c -> Sql.update(c, "UPDATE rooms SET published = ? WHERE room_id = ?", published, roomId.value()));
    }

    @Override
    public List<RoomAlias> moveAliases(RoomId from, RoomId to) {
        return db.write(c -> {
            List<RoomAlias> moved = Sql.list(c, "SELECT alias FROM room_aliases WHERE room_id = ? ORDER BY alias",
                    rs -> RoomAlias.parse(rs.getString(1)), from.value());
            Sql.update(c, "UPDATE room_aliases SET room_id = ? WHERE room_id = ?", to.value(), from.value());
            return moved;
        });
    }
}
