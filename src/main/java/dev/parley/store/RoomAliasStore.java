package dev.parley.store;

import dev.parley.core.id.RoomAlias;
import dev.parley.core.id.RoomId;
import dev.parley.core.id.UserId;
import java.util.List;
import java.util.Optional;

/** Local room aliases and the public room directory flag. */
public interface RoomAliasStore {
    /** @return false when the alias is taken */
    boolean create(RoomAlias alias, RoomId roomId, UserId creator);

    Optional<RoomId> resolve(RoomAlias alias);

    Optional<UserId> creator(RoomAlias alias);

    boolean delete(RoomAlias alias);

    List<RoomAlias> aliasesOf(RoomId roomId);

    void setPublished(RoomId roomId, boolean published);

    /** Points every alias of {@code from} at {@code to} (a room upgrade); returns the aliases moved. */
    List<RoomAlias> moveAliases(RoomId from, RoomId to);
}
