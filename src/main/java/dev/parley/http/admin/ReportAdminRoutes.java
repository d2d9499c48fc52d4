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
                }));
    }

    private record Listing(List<EventReportsAdmin.Report> reports, Long nextToken, long total) {
    }

    private static Listing listing(RequestContext request, Reports reports, boolean events) {
        long from = request.query("from").map(v -> number(v, "from")).orElse(0L);
        long limit = request.query("limit").map(v -> number(v, "limit")).orElse((long) DEFAULT_LIMIT);
        boolean oldestFirst = switch (request.query("dir").orElse("b")) {
            case "b" -> false;
            case "f" -> true;
            default -> throw MatrixException.invalidParam("dir must be b or f");
        };
        Reports.Page page = reports.list(events, from, (int) Math.min(limit, Integer.MAX_VALUE), oldestFirst);
        long next = from + page.reports().size();
        return new Listing(page.reports().stream().map(ReportAdminRoutes::wire).toList(),
                next < page.total() && !page.reports().isEmpty() ? next : null, page.total());
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
