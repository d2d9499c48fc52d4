package dev.parley.api.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.api.Endpoint;
import dev.parley.api.Endpoint.Api;
import dev.parley.api.Endpoint.Auth;
import dev.parley.api.Endpoint.Method;
import dev.parley.api.Endpoint.RateLimit;
import java.util.List;

/**
 * Synapse's event reports admin API ({@code GET /_synapse/admin/v1/event_reports} and
 * {@code /event_reports/{report_id}}), for server admins: {@code from} (an offset), {@code limit}
 * and {@code dir} ({@code b}, newest first, by default), narrowed by {@code user_id} (the reporter)
 * and {@code room_id}, both matching a part of the ID as Synapse's do, and {@code room_name} (a
 * part of the room's current name; Parley's addition); {@code DELETE
 * /event_reports/{report_id}} removes one. Room reports, which Synapse keeps apart, are listed the
 * same way at {@code /_synapse/admin/v1/room_reports}, and reports of users at {@code user_reports}
 * (narrowed by {@code user_id} and {@code target_user_id}).
 */
public final class EventReportsAdmin {
    private static final String BASE = "/_synapse/admin/v1/";
    public static final Endpoint LIST = new Endpoint(Method.GET, BASE + "event_reports", Api.ADMIN, Auth.REQUIRED, RateLimit.NONE);
    public static final Endpoint GET = new Endpoint(Method.GET, BASE + "event_reports/{reportId}", Api.ADMIN, Auth.REQUIRED,
            RateLimit.NONE);
    public static final Endpoint DELETE = new Endpoint(Method.DELETE, BASE + "event_reports/{reportId}", Api.ADMIN,
            Auth.REQUIRED, RateLimit.NONE);
    public static final Endpoint USER_REPORTS = new Endpoint(Method.GET, BASE + "user_reports", Api.ADMIN, Auth.REQUIRED,
            RateLimit.NONE);
    public static final Endpoint ROOM_REPORTS = new Endpoint(Method.GET, BASE + "room_reports", Api.ADMIN, Auth.REQUIRED,
            RateLimit.NONE);

    /** One report; absent fields (no event for a room report, a room without a name) are null. */
    public record Report(long id, long receivedTs, String roomId, String name, String canonicalAlias, String eventId,
                         String userId, String reason, Integer score, String sender, ObjectNode eventJson) {
    }

    /** {@code next_token} is the {@code from} of the next page, null on the last. */
    public record ReportList(List<Report> eventReports, Long nextToken, long total) {
    }

    /** The room reports' listing, keyed {@code room_reports}. */
    public record RoomReportList(List<Report> roomReports, Long nextToken, long total) {
    }

    /** One report of a user: {@code user_id} made it about {@code target_user_id}. */
    public record UserReport(long id, long receivedTs, String targetUserId, String userId, String reason) {
    }

    /** The user reports' listing, keyed {@code user_reports}. */
    public record UserReportList(List<UserReport> userReports, Long nextToken, long total) {
    }

    private EventReportsAdmin() {
    }
}
