package dev.parley.store;

import dev.parley.core.id.EventId;
import dev.parley.core.id.RoomId;
import dev.parley.core.id.UserId;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Reported content and users (Client-Server API, "Reporting content"), for server admins to review. */
public interface ReportStore {
    /** Stores a report; returns its ID, never one used before. */
    long add(RoomId roomId, Optional<EventId> eventId, UserId reporter, Optional<String> reason, Optional<Integer> score,
             long receivedTs);

    /** Event reports ({@code events} true) or room reports matching {@code filter}, by ID, newest first unless {@code oldestFirst}. */
    List<ReportRow> page(boolean events, ReportFilter filter, long offset, int limit, boolean oldestFirst);

    /** How many event reports ({@code events} true) or room reports match {@code filter}. */
    long count(boolean events, ReportFilter filter);

    Optional<ReportRow> report(long id);

    /** The rooms that event reports ({@code events} true) or room reports are about, each once. */
    Set<RoomId> reportedRooms(boolean events);

    /** Removes an event report; false if there is no event report with that ID. */
    boolean deleteEventReport(long id);

    /** Stores a report of a user; returns its ID, from the same sequence as the other reports. */
    long addUserReport(UserId target, UserId reporter, String reason, long receivedTs);

    /** User reports matching {@code filter}, by ID, newest first unless {@code oldestFirst}. */
    List<UserReportRow> userReports(ReportFilter filter, long offset, int limit, boolean oldestFirst);

    long countUserReports(ReportFilter filter);
}
