package dev.parley.store;

import dev.parley.core.id.RoomId;
import dev.parley.core.id.UserId;
import dev.parley.core.room.RoomVersion;

/** A room this server takes part in. */
public record RoomRow(RoomId roomId, RoomVersion version, UserId creator, long createdTs, boolean published) {
}
