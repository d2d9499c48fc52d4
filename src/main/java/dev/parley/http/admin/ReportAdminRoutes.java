package dev.parley.http.admin;

import dev.parley.api.admin.EventReportsAdmin;
import dev.parley.core.error.MatrixException;
import dev.parley.core.id.EventId;
import dev.parley.core.id.UserId;
import dev.parley.http.RequestContext;
import dev.parley.http.Route;
import dev.parley.service.account.AccountService;
import dev.parley.service.room.Reports;
import java.util.List;
import java.util.Map;

/** Synapse's admin API over reported content, for server admins ({@link EventReportsAdmin}). */
public final class ReportAdminRoutes {
    private static final int DEFAULT_LIMIT = 100;

    private ReportAdminRoutes() {
    }

    public static List<Route> routes(Reports reports, AccountService accounts) {
        return List.of(
                new Route(EventReportsAdmin.LIST, request -> {
                    AdminRoutes.requireAdmin(request, accounts);
                    Listing listing = listing(request, reports, true);
                    return new EventReportsAdmin.ReportList(listing.reports(), listing.nextToken(), listing.total());
                }),
                new Route(EventReportsAdmin.ROOM_REPORTS, request -> {
                    AdminRoutes.requireAdmin(request, accounts);
                    Listing listing = listing(request, reports, false);
                    return new EventReportsAdmin.RoomReportList(listing.reports(), listing.nextToken(), listing.total());
                }),
                new Route(EventReportsAdmin.GET, request -> {
                    AdminRoutes.requireAdmin(request, accounts);
                    return wire(reports.eventReport(number(request.pathParam("reportId"), "report_id")));
                }),
                new Route(EventReportsAdmin.DELETE, request -> {
                    AdminRoutes.requireAdmin(request, accounts);
                    reports.deleteEventReport(number(request.pathParam("reportId"), "report_id"));
                    return Map.of();
                }),
                new Route(EventReportsAdmin.USER_REPORTS, request -> {
                    AdminRoutes.requireAdmin(request, accounts);
                    Paging paging = paging(request);
                    Reports.UserPage page = reports.userReports(filter(request), paging.from(), paging.limit(),
                            paging.oldestFirst());
                    return new EventReportsAdmin.UserReportList(page.reports().stream().map(r -> new EventReportsAdmin.UserReport(
                            r.id(), r.receivedTs(), r.target().value(), r.reporter().value(), r.reason())).toList(),
                            paging.next(page.reports().size(), page.total()), page.total());
                }));
    }

    private record Listing(List<EventReportsAdmin.Report> reports, Long nextToken, long total) {
    }

    private record Paging(long from, int limit, boolean oldestFirst) {
        /** The {@code next_token}: the offset after this page, null on the last. */
        Long next(int returned, long total) {
            long next = from + returned;
            return next < total && returned > 0 ? next : null;
        }
    }

    private static Paging paging(RequestContext request) {
        long from = request.query("from").map(v -> number(v, "from")).orElse(0L);
        long limit = request.query("limit").map(v -> number(v, "limit")).orElse((long) DEFAULT_LIMIT);
        boolean oldestFirst = switch (request.query("dir").orElse("b")) {
            case "b" -> false;
            case "f" -> true;
            default -> throw MatrixException.invalidParam("dir must be b or f");
        };
        return new Paging(from, (int) Math.min(limit, Integer.MAX_VALUE), oldestFirst);
    }

    /**
     * Synapse's filters, {@code user_id} (the reporter) and {@code room_id}; {@code room_name} for
     * event and room reports; {@code target_user_id} for user reports.
     */
    private static Reports.Filter filter(RequestContext request) {
        return new Reports.Filter(request.query("user_id"), request.query("room_id"), request.query("room_name"),
                request.query("target_user_id"));
    }

    private static Listing listing(RequestContext request, Reports reports, boolean events) {
        Paging paging = paging(request);
        Reports.Page page = reports.list(events, filter(request), paging.from(), paging.limit(), paging.oldestFirst());
        return new Listing(page.reports().stream().map(ReportAdminRoutes::wire).toList(),
                paging.next(page.reports().size(), page.total()), page.total());
    }

    private static EventReportsAdmin.Report wire(Reports.Report report) {
        var row = report.row();
        return new EventReportsAdmin.Report(row.id(), row.receivedTs(), row.roomId().value(), report.roomName().orElse(null),
                report.canonicalAlias().orElse(null), row.eventId().map(EventId::value).orElse(null), row.reporter().value(),
                row.reason().orElse(null), row.score().orElse(null), report.sender().map(UserId::value).orElse(null),
                report.event().orElse(null));
    }

    private static long number(String value, String name) {
        try {
            long n = Long.parseLong(value);
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw MatrixException.invalidParam(name + " must be a non-negative integer");
    }
}
