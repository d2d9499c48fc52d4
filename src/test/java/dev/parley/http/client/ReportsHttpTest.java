package dev.parley.http.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.DialectServerTest;
import dev.parley.testing.Http;
import dev.parley.testing.Http.Reply;
import dev.parley.testing.TestUsers.User;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Reporting content ({@code POST /rooms/{roomId}/report[/{eventId}]}) and Synapse's admin API
 * that lists the reports, through a real server.
 */
class ReportsHttpTest extends DialectServerTest {
    private String adminToken;

    ReportsHttpTest() {
        super(3); // alice, bob and carol
    }

    @BeforeEach
    void start() {
        adminToken = registerAdmin("admin");
    }

    private Reply reportEvent(User user, String room, String eventId, String body) {
        return Http.call("POST", calls.v3("/rooms/" + enc(room) + "/report/" + enc(eventId)), user.accessToken(), body);
    }

    private Reply reportRoom(User user, String room, String body) {
        return Http.call("POST", calls.v3("/rooms/" + enc(room) + "/report"), user.accessToken(), body);
    }

    private Reply admin(String path, String token) {
        return Http.get(server.baseUrl() + "/_synapse/admin/v1/" + path, token);
    }

    private String joinedRoomWithHiddenHistory() {
        return calls.createRoom(alice, "{\"preset\":\"public_chat\",\"name\":\"Reported\",\"initial_state\":[{\"type\":"
                + "\"m.room.history_visibility\",\"state_key\":\"\",\"content\":{\"history_visibility\":\"joined\"}}]}");
    }

    @Test
    void membersReportEventsTheyCanSeeAndAdminsListThemNewestFirst() {
        String room = joinedRoomWithHiddenHistory();
        String beforeBob = calls.text(alice, room, "before bob");
        calls.join(bob, room);
        String rude = calls.text(bob, room, "rude");
        String worse = calls.text(bob, room, "worse");

        Reply first = reportEvent(alice, room, rude, "{\"reason\":\"rude\",\"score\":-100}");
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.json().size()).isZero();
        assertThat(reportEvent(alice, room, worse, "{}").status()).as("reason and score are optional").isEqualTo(200);
        assertThat(reportRoom(carol, room, "{\"reason\":\"\"}").status()).as("a room report, blank reason").isEqualTo(200);

        Reply hidden = reportEvent(bob, room, beforeBob, "{\"reason\":\"x\"}");
        assertThat(hidden.status()).as("bob joined after it: history visibility hides it").isEqualTo(404);
        assertThat(hidden.errcode()).isEqualTo("M_NOT_FOUND");
        assertThat(reportEvent(carol, room, rude, "{\"reason\":\"x\"}").errcode()).as("not joined").isEqualTo("M_NOT_FOUND");

        Reply list = admin("event_reports", adminToken);
        assertThat(list.status()).as(list.body()).isEqualTo(200);
        assertThat(list.json().path("total").asInt()).as("room reports are listed apart").isEqualTo(2);
        assertThat(list.json().has("next_token")).isFalse();
        JsonNode newest = list.json().path("event_reports").get(0);
        assertThat(newest.path("event_id").asText()).isEqualTo(worse);
        assertThat(newest.has("reason")).isFalse();
        JsonNode older = list.json().path("event_reports").get(1);
        assertThat(older.path("event_id").asText()).isEqualTo(rude);
        assertThat(older.path("reason").asText()).isEqualTo("rude");
        assertThat(older.path("score").asInt()).isEqualTo(-100);
        assertThat(older.path("user_id").asText()).isEqualTo(alice.userId());
        assertThat(older.path("sender").asText()).isEqualTo(bob.userId());
        assertThat(older.path("room_id").asText()).isEqualTo(room);
        assertThat(older.path("name").asText()).isEqualTo("Reported");
        assertThat(older.path("received_ts").asLong()).isPositive();
        assertThat(older.has("event_json")).as("only the single-report view carries the event").isFalse();

        Reply paged = admin("event_reports?limit=1", adminToken);
        assertThat(ids(paged.json())).containsExactly(worse);
        assertThat(paged.json().path("next_token").asInt()).isEqualTo(1);
        assertThat(ids(admin("event_reports?limit=1&from=1", adminToken).json())).containsExactly(rude);
        assertThat(ids(admin("event_reports?dir=f", adminToken).json())).containsExactly(rude, worse);

        Reply one = admin("event_reports/" + older.path("id").asLong(), adminToken);
        assertThat(one.status()).as(one.body()).isEqualTo(200);
        assertThat(one.json().path("event_json").path("content").path("body").asText()).isEqualTo("rude");
        assertThat(one.json().path("reason").asText()).isEqualTo("rude");

        JsonNode roomReports = admin("room_reports", adminToken).json();
        assertThat(roomReports.path("total").asInt()).isEqualTo(1);
        assertThat(roomReports.path("room_reports").get(0).path("user_id").asText()).isEqualTo(carol.userId());
        assertThat(roomReports.path("room_reports").get(0).has("event_id")).isFalse();
        long roomReportId = roomReports.path("room_reports").get(0).path("id").asLong();
        assertThat(admin("event_reports/" + roomReportId, adminToken).errcode()).as("not an event report").isEqualTo("M_NOT_FOUND");
    }

    private static List<String> ids(JsonNode list) {
        List<String> out = new ArrayList<>();
        list.path("event_reports").forEach(r -> out.add(r.path("event_id").asText()));
        return out;
    }

    @Test
    void refusesBadReportsAndStoresNothing() {
        String room = joinedRoomWithHiddenHistory();
        String message = calls.text(alice, room, "hello");
        String other = calls.createRoom(carol, "{}");
        String elsewhere = calls.text(carol, other, "elsewhere");

        assertThat(reportEvent(alice, room, "$unknown:test.local", "{}").errcode()).isEqualTo("M_NOT_FOUND");
        assertThat(reportEvent(alice, room, elsewhere, "{}").errcode()).as("an event of another room").isEqualTo("M_NOT_FOUND");
        assertThat(reportEvent(alice, "!unknown:test.local", message, "{}").errcode()).isEqualTo("M_NOT_FOUND");
        Reply redact = calls.redact(alice, room, message, "r1", "{}");
        assertThat(redact.status()).as(redact.body()).isEqualTo(200);
        assertThat(reportEvent(alice, room, message, "{}").errcode()).as("redacted").isEqualTo("M_NOT_FOUND");
        String live = calls.text(alice, room, "live");
        Reply badReason = reportEvent(alice, room, live, "{\"reason\":{}}");
        assertThat(badReason.status()).isEqualTo(400);
        assertThat(badReason.errcode()).isEqualTo("M_BAD_JSON");
        assertThat(reportEvent(alice, room, live, "not json").errcode()).isEqualTo("M_NOT_JSON");
        assertThat(reportEvent(alice, room, "no-sigil", "{}").errcode()).isEqualTo("M_INVALID_PARAM");
        assertThat(reportEvent(alice, "not-a-room", live, "{}").errcode()).isEqualTo("M_INVALID_PARAM");

        assertThat(reportRoom(alice, "!unknown:test.local", "{\"reason\":\"x\"}").status()).isEqualTo(404);
        assertThat(reportRoom(alice, "!unknown:test.local", "{\"reason\":\"x\"}").errcode()).isEqualTo("M_NOT_FOUND");
        assertThat(reportRoom(alice, room, "{}").errcode()).as("reason is required").isEqualTo("M_BAD_JSON");
        assertThat(reportRoom(alice, "not-a-room", "{\"reason\":\"x\"}").errcode()).isEqualTo("M_INVALID_PARAM");
        assertThat(Http.call("POST", calls.v3("/rooms/" + enc(room) + "/report"), null, "{\"reason\":\"x\"}").errcode())
                .isEqualTo("M_MISSING_TOKEN");

        assertThat(admin("event_reports", adminToken).json().path("total").asInt()).isZero();
        assertThat(admin("room_reports", adminToken).json().path("total").asInt()).isZero();
    }

    @Test
    void theScoreV118RemovedIsKeptWhenV117AllowedItAndOtherwiseIgnored() {
        String room = joinedRoomWithHiddenHistory();
        String live = calls.text(alice, room, "live");
        for (String body : List.of("{\"score\":5}", "{\"score\":-101}", "{\"score\":\"bad\"}", "{\"score\":1.5}",
                "{\"score\":-7}")) {
            Reply r = reportEvent(alice, room, live, body);
            assertThat(r.status()).as(body + ": " + r.body()).isEqualTo(200);
        }
        JsonNode reports = admin("event_reports?dir=f", adminToken).json().path("event_reports");
        assertThat(reports.size()).isEqualTo(5);
        for (int i = 0; i < 4; i++) {
            assertThat(reports.get(i).has("score")).as(reports.get(i).toString()).isFalse();
        }
        assertThat(reports.get(4).path("score").asInt()).isEqualTo(-7);
    }

    @Test
    void onlyServerAdminsReadReports() {
        String room = joinedRoomWithHiddenHistory();
        assertThat(reportEvent(alice, room, calls.text(alice, room, "mine"), "{\"reason\":\"test\"}").status()).isEqualTo(200);
        for (String path : List.of("event_reports", "event_reports/1", "room_reports")) {
            Reply r = admin(path, alice.accessToken());
            assertThat(r.status()).as(path).isEqualTo(403);
            assertThat(r.errcode()).as(path).isEqualTo("M_FORBIDDEN");
            assertThat(Http.get(server.baseUrl() + "/_synapse/admin/v1/" + path).errcode()).as(path).isEqualTo("M_MISSING_TOKEN");
        }
        for (String path : List.of("event_reports?limit=-1", "event_reports?from=x", "event_reports?dir=up",
                "event_reports/abc", "event_reports/-1")) {
            Reply r = admin(path, adminToken);
            assertThat(r.status()).as(path).isEqualTo(400);
            assertThat(r.errcode()).as(path).isEqualTo("M_INVALID_PARAM");
        }
        assertThat(admin("event_reports/999", adminToken).errcode()).isEqualTo("M_NOT_FOUND");
        assertThat(admin("event_reports?from=5", adminToken).json().path("event_reports")).isEmpty();
    }
}
