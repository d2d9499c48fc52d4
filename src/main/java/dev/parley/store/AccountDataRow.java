package dev.parley.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.id.RoomId;
import java.util.Optional;

/** One account data entry and the stream position of its latest write; {@code room} empty for global data. */
public record AccountDataRow(Optional<RoomId> room, String type, ObjectNode content, long position) {
}
