package dev.parley.store;

import dev.parley.core.id.EventId;
import dev.parley.core.id.RoomId;
import dev.parley.core.id.UserId;
import java.util.Optional;

/** A report of an event ({@code eventId} present) or of a whole room, by the user {@code reporter}. */
public record ReportRow(long id, long receivedTs, RoomId roomId, Optional<EventId> eventId, UserId reporter,
                        Optional<String> reason, Optional<Integer> score) {
}
