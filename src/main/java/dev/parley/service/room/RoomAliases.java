package dev.parley.service.room;

import dev.parley.core.error.ErrCode;
import dev.parley.core.error.MatrixException;
import dev.parley.core.id.RoomAlias;
import dev.parley.core.id.RoomId;
import dev.parley.core.id.ServerName;
import dev.parley.core.id.UserId;
import dev.parley.store.RoomAliasStore;
import java.util.Optional;

/** Local room aliases (Client-Server API, "Room aliases") and directory publication. */
public final class RoomAliases {
    private final RoomAliasStore store;
    private final ServerName serverName;

    public RoomAliases(RoomAliasStore store, ServerName serverName) {
        this.store = store;
        this.serverName = serverName;
    }

    /** {@code #name:this.server}, checked against the alias grammar. */
    public RoomAlias localAlias(String name) {
        String alias = "#" + name + ":" + serverName.value();
        if (name.isEmpty() || name.contains(":") || !RoomAlias.isValid(alias)) {
            throw MatrixException.invalidParam("Invalid room alias name: " + name);
        }
        return RoomAlias.parse(alias);
    }

    public void requireFree(RoomAlias alias) {
        if (store.resolve(alias).isPresent()) {
            throw new MatrixException(ErrCode.ROOM_IN_USE, "Room alias already taken");
        }
    }

    public void create(RoomAlias alias, RoomId roomId, UserId creator) {
        if (!alias.server().equals(serverName)) {
            throw MatrixException.invalidParam("Aliases of other servers cannot be created here");
        }
        if (!store.create(alias, roomId, creator)) {
            throw new MatrixException(ErrCode.ROOM_IN_USE, "Room alias already taken");
        }
    }

    /** The room a local alias points to; remote aliases need federation (not yet available). */
    public Optional<RoomId> resolve(RoomAlias alias) {
        return store.resolve(alias);
    }

    public void publish(RoomId roomId, boolean published) {
        store.setPublished(roomId, published);
    }
}
