package dev.parley.service.room;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.error.MatrixException;
import dev.parley.core.id.EventId;
import dev.parley.core.id.RoomId;
import dev.parley.core.id.UserId;
import dev.parley.store.ReportFilter;
import dev.parley.store.ReportRow;
import dev.parley.store.ReportStore;
import dev.parley.store.RoomStore;
import dev.parley.store.StoredEvent;
import dev.parley.store.UserReportRow;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Reporting content (Client-Server API, "Reporting content", {@code report_content.yaml}) and
 * the reports as server admins read them (Synapse's {@code /_synapse/admin/v1/event_reports}).
 * Reports are stored as made; no one is notified yet.
 */
public final class Reports {
    /**
     * The range v1.17 and earlier gave the {@code score} v1.18 removed; older clients still send
     * it. A score outside it is dropped: the field no longer exists, so it cannot be invalid.
     */
    private static final int MIN_SCORE = -100;

    private final ReportStore reports;
    private final RoomStore rooms;
    private final RoomPower power;
    private final HistoryVisibility visibility;
    private final Predicate<UserId> userExists;
    private final Clock clock;

    /** @param userExists whether a user ID names an account this server knows */
    public Reports(ReportStore reports, RoomStore rooms, HistoryVisibility visibility, Predicate<UserId> userExists,
                   Clock clock) {
        this.reports = reports;
        this.rooms = rooms;
        this.power = new RoomPower(rooms);
        this.visibility = visibility;
        this.userExists = userExists;
        this.clock = clock;
    }

    /**
     * {@code POST /rooms/{roomId}/report/{eventId}}: the reporter must be joined and able to see
     * the event; otherwise, as for an unknown or redacted event, 404 {@code M_NOT_FOUND}.
     */
    public void reportEvent(RoomId roomId, EventId eventId, UserId reporter, Optional<String> reason,
                            Optional<Integer> score) {
        MatrixException notFound = MatrixException.notFound("The event was not found or you are not joined to the room");
        if (!power.isJoined(roomId, reporter)) {
            throw notFound;
        }
        HistoryVisibility.Viewer viewer = visibility.viewer(reporter, roomId);
        rooms.event(eventId).filter(e -> e.pdu().roomId().equals(roomId) && e.redactedBy().isEmpty())
                .filter(viewer::canSee).orElseThrow(() -> notFound);
        reports.add(roomId, Optional.of(eventId), reporter, reason, score.filter(s -> s >= MIN_SCORE && s <= 0),
                clock.millis());
    }

    /** {@code POST /rooms/{roomId}/report}: anyone may report a room this server knows; 404 otherwise. */
    public void reportRoom(RoomId roomId, UserId reporter, String reason) {
        if (!power.exists(roomId)) {
            throw MatrixException.notFound("The room was not found");
        }
        reports.add(roomId, Optional.empty(), reporter, Optional.of(reason), Optional.empty(), clock.millis());
    }

    /**
     * {@code POST /users/{userId}/report}. The spec lets a server conceal whether the reported user
     * exists by answering 200 regardless ("Homeservers that wish to conceal this information MAY
     * return 200 responses regardless of the existence of the reported user"); Parley does, so
     * the endpoint cannot be used to probe for accounts. Only reports of users this server knows
     * are stored: a report of nobody gives an admin nothing to act on. Sharing a room with the
     * reported user is not required ("servers MUST NOT restrict user reports based on whether or
     * not the reporting user is joined to any rooms that the reported user is joined to").
     */
    public void reportUser(UserId target, UserId reporter, String reason) {
        if (userExists.test(target)) {
            reports.addUserReport(target, reporter, reason, clock.millis());
        }
    }

    /**
     * What an admin narrows a listing to: a part of the reporter's user ID, of the room ID (event
     * and room reports) or of the reported user's ID (user reports), as Synapse's admin API does,
     * and a part of the room's current name (event and room reports).
     */
    public record Filter(Optional<String> reporter, Optional<String> roomId, Optional<String> roomName,
                         Optional<String> target) {
    }

    /** Room names live in room state, not beside the reports: the name filter becomes the set of reported rooms it matches. */
    private ReportFilter toStore(Filter filter, boolean events) {
        Optional<Set<RoomId>> rooms = filter.roomName().map(term -> term.toLowerCase(Locale.ROOT)).map(term ->
                reports.reportedRooms(events).stream()
                        .filter(room -> text(room, "m.room.name", "name")
                                .filter(name -> name.toLowerCase(Locale.ROOT).contains(term)).isPresent())
                        .collect(Collectors.toSet()));
        return new ReportFilter(filter.reporter(), filter.roomId(), rooms, filter.target());
    }

    /** A report with what an admin reviewing it wants beside it; {@code sender} and {@code event} only for event reports. */
    public record Report(ReportRow row, Optional<String> roomName, Optional<String> canonicalAlias,
                         Optional<UserId> sender, Optional<ObjectNode> event) {
    }

    /** A page of reports and how many there are in all. */
    public record Page(List<Report> reports, long total) {
    }

    /** Event reports ({@code events}) or room reports, newest first unless {@code oldestFirst}, from offset {@code from}. */
    public Page list(boolean events, Filter filter, long from, int limit, boolean oldestFirst) {
        requirePaging(from, limit);
        ReportFilter matching = toStore(filter, events);
        List<Report> page = reports.page(events, matching, from, limit, oldestFirst).stream().map(r -> report(r, false))
                .toList();
        return new Page(page, reports.count(events, matching));
    }

    /** A page of user reports and how many match in all. */
    public record UserPage(List<UserReportRow> reports, long total) {
    }

    /** User reports, newest first unless {@code oldestFirst}, from offset {@code from}. */
    public UserPage userReports(Filter filter, long from, int limit, boolean oldestFirst) {
        requirePaging(from, limit);
        ReportFilter matching = new ReportFilter(filter.reporter(), Optional.empty(), Optional.empty(), filter.target());
        return new UserPage(reports.userReports(matching, from, limit, oldestFirst), reports.countUserReports(matching));
    }

    /** Synapse's {@code DELETE /_synapse/admin/v1/event_reports/{report_id}}: 404 unless it is an event report. */
    public void deleteEventReport(long id) {
        if (!reports.deleteEventReport(id)) {
            throw MatrixException.notFound("Event report not found");
        }
    }

    private static void requirePaging(long from, int limit) {
        if (from < 0) {
            throw MatrixException.invalidParam("from must not be negative");
        }
        if (limit < 0) {
            throw MatrixException.invalidParam("limit must not be negative");
        }
    }

    /** One event report with the reported event's JSON (absent once the event is gone). */
    public Report eventReport(long id) {
        return reports.report(id).filter(r -> r.eventId().isPresent()).map(r -> report(r, true))
                .orElseThrow(() -> MatrixException.notFound("Event report not found"));
    }

    private Report report(ReportRow row, boolean withEvent) {
        Optional<StoredEvent> event = row.eventId().flatMap(rooms::event);
        return new Report(row, text(row.roomId(), "m.room.name", "name"), text(row.roomId(), "m.room.canonical_alias", "alias"),
                event.map(e -> e.pdu().sender()), withEvent ? event.map(e -> e.pdu().json().deepCopy()) : Optional.empty());
    }

    private Optional<String> text(RoomId roomId, String type, String field) {
        return power.content(roomId, type, "").map(c -> c.path(field)).filter(JsonNode::isTextual).map(JsonNode::textValue);
    }
}
