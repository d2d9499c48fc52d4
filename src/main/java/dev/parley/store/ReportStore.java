package dev.parley.store;

import dev.parley.core.id.EventId;
import dev.parley.core.id.RoomId;
import dev.parley.core.id.UserId;
import java.util.List;
import java.util.Optional;

/** Reported content (Client-Server API, "Reporting content"), for server admins to review. */
public interface ReportStore {
    /** Stores a report; returns its ID, never one used before. */
    long add(RoomId roomId, Optional<EventId> eventId, UserId reporter, Optional<String> reason, Optional<Integer> score,
             long receivedTs);

    /** Event reports ({@code events} true) or room reports, by ID, newest first unless {@code oldestFirst}. */
    List<ReportRow> page(boolean events, long offset, int limit, boolean oldestFirst);

    /** How many event reports ({@code events} true) or room reports there are. */
    long count(boolean events);

    Optional<ReportRow> report(long id);
}
