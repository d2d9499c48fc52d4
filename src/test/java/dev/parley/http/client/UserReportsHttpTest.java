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
 * Reporting users ({@code POST /users/{userId}/report}) and the admin pieces beside it: the user
 * report listing, the event report filters and deleting an event report, through a real server.
 */
class UserReportsHttpTest extends DialectServerTest {
    private String adminToken;

    UserReportsHttpTest() {
        super(3);
    }

    @BeforeEach
    void registerAdmin() {
        adminToken = registerAdmin("admin");
    }

    private Reply reportUser(User reporter, String target, String body) {
        return Http.call("POST", calls.v3("/users/" + enc(target) + "/report"), reporter.accessToken(), body);
    }

    private Reply admin(String method, String path, String token) {
        return Http.call(method, server.baseUrl() + "/_synapse/admin/v1/" + path, token, null);
    }

    @Test
    void usersReportUsersAndAdminsListTheReportsNewestFirst() {
        Reply first = reportUser(alice, bob.userId(), "{\"reason\":\"spam\"}");
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.json().size()).isZero();
        assertThat(reportUser(carol, bob.userId(), "{\"reason\":\"\"}").status()).as("a blank reason").isEqualTo(200);
        assertThat(reportUser(bob, alice.userId(), "{\"reason\":\"retaliation\"}").status()).isEqualTo(200);

        Reply list = admin("GET", "user_reports", adminToken);
        assertThat(list.status()).as(list.body()).isEqualTo(200);
        assertThat(list.json().path("total").asInt()).isEqualTo(3);
        assertThat(list.json().has("next_token")).isFalse();
        JsonNode newest = list.json().path("user_reports").get(0);
        assertThat(newest.path("target_user_id").asText()).isEqualTo(alice.userId());
        assertThat(newest.path("user_id").asText()).isEqualTo(bob.userId());
        assertThat(newest.path("reason").asText()).isEqualTo("retaliation");
        assertThat(newest.path("received_ts").asLong()).isPositive();
        JsonNode oldest = list.json().path("user_reports").get(2);
        assertThat(oldest.path("target_user_id").asText()).isEqualTo(bob.userId());
        assertThat(oldest.path("reason").asText()).isEqualTo("spam");

        assertThat(reasons(admin("GET", "user_reports?dir=f&limit=2", adminToken).json())).containsExactly("spam", "");
        assertThat(admin("GET", "user_reports?limit=2", adminToken).json().path("next_token").asInt()).isEqualTo(2);
        assertThat(reasons(admin("GET", "user_reports?target_user_id=" + enc("@BOB"), adminToken).json()))
                .as("part of the reported user's ID, any case").containsExactly("", "spam");
        assertThat(reasons(admin("GET", "user_reports?user_id=carol", adminToken).json())).containsExactly("");
        assertThat(admin("GET", "event_reports", adminToken).json().path("total").asInt())
                .as("user reports are listed apart").isZero();
        assertThat(admin("GET", "room_reports", adminToken).json().path("total").asInt()).isZero();
    }

    @Test
    void unknownUsersAreReportedWithoutSayingSoAndNothingIsStored() {
        // The spec lets the server conceal whether the user exists by answering 200 regardless.
        for (String target : List.of("@nobody:test.local", "@someone:elsewhere.example")) {
            Reply r = reportUser(alice, target, "{\"reason\":\"x\"}");
            assertThat(r.status()).as(target + ": " + r.body()).isEqualTo(200);
        }
        assertThat(admin("GET", "user_reports", adminToken).json().path("total").asInt()).isZero();
    }

    @Test
    void badReportsAreRefusedWithTheSpecErrors() {
        assertThat(reportUser(alice, bob.userId(), "{}").errcode()).as("reason is required").isEqualTo("M_BAD_JSON");
        assertThat(reportUser(alice, bob.userId(), "{\"reason\":{}}").errcode()).isEqualTo("M_BAD_JSON");
        assertThat(reportUser(alice, bob.userId(), "not json").errcode()).isEqualTo("M_NOT_JSON");
        Reply badId = reportUser(alice, "bob", "{\"reason\":\"x\"}");
        assertThat(badId.status()).isEqualTo(400);
        assertThat(badId.errcode()).isEqualTo("M_INVALID_PARAM");
        assertThat(Http.call("POST", calls.v3("/users/" + enc(bob.userId()) + "/report"), null, "{\"reason\":\"x\"}")
                .errcode()).isEqualTo("M_MISSING_TOKEN");
        assertThat(admin("GET", "user_reports", adminToken).json().path("total").asInt()).isZero();
    }

    @Test
    void eventReportsAreFilteredAndDeletedByAdminsOnly() {
        String room = calls.createRoom(alice, "{\"preset\":\"public_chat\",\"name\":\"Cats Corner\"}");
        String other = calls.createRoom(bob, "{\"preset\":\"public_chat\",\"name\":\"Dogs\"}");
        calls.join(bob, room);
        calls.join(carol, other);
        String inRoom = calls.text(bob, room, "one");
        String inOther = calls.text(bob, other, "two");
        report(alice, room, inRoom);
        report(carol, other, inOther);
        report(bob, room, inRoom);

        assertThat(eventIds(admin("GET", "event_reports?user_id=ALICE", adminToken).json())).containsExactly(inRoom);
        JsonNode byRoom = admin("GET", "event_reports?room_id=" + enc(other.substring(1, 6)), adminToken).json();
        assertThat(eventIds(byRoom)).containsExactly(inOther);
        assertThat(byRoom.path("total").asInt()).as("total counts what the filter matches").isEqualTo(1);
        JsonNode byName = admin("GET", "event_reports?room_name=" + enc("cats c"), adminToken).json();
        assertThat(eventIds(byName)).as("a part of the room's name, any case").containsExactly(inRoom, inRoom);
        assertThat(byName.path("total").asInt()).isEqualTo(2);
        assertThat(eventIds(admin("GET", "event_reports?room_name=Dogs&user_id=carol", adminToken).json()))
                .containsExactly(inOther);
        assertThat(admin("GET", "event_reports?room_name=birds", adminToken).json().path("total").asInt()).isZero();
        assertThat(admin("GET", "event_reports?user_id=" + enc("%"), adminToken).json().path("total").asInt())
                .as("a LIKE wildcard is matched literally").isZero();

        JsonNode all = admin("GET", "event_reports", adminToken).json();
        long newestId = all.path("event_reports").get(0).path("id").asLong();
        for (String path : List.of("event_reports/" + newestId, "user_reports")) {
            String method = path.startsWith("user") ? "GET" : "DELETE";
            Reply refused = admin(method, path, alice.accessToken());
            assertThat(refused.status()).as(path).isEqualTo(403);
            assertThat(refused.errcode()).as(path).isEqualTo("M_FORBIDDEN");
        }
        Reply deleted = admin("DELETE", "event_reports/" + newestId, adminToken);
        assertThat(deleted.status()).as(deleted.body()).isEqualTo(200);
        assertThat(admin("GET", "event_reports/" + newestId, adminToken).errcode()).isEqualTo("M_NOT_FOUND");
        assertThat(admin("DELETE", "event_reports/" + newestId, adminToken).errcode()).as("already gone").isEqualTo("M_NOT_FOUND");
        assertThat(admin("DELETE", "event_reports/abc", adminToken).errcode()).isEqualTo("M_INVALID_PARAM");
        assertThat(admin("GET", "event_reports", adminToken).json().path("total").asInt()).isEqualTo(2);

        assertThat(Http.call("POST", calls.v3("/rooms/" + enc(room) + "/report"), carol.accessToken(),
                "{\"reason\":\"room\"}").status()).isEqualTo(200);
        long roomReportId = admin("GET", "room_reports", adminToken).json().path("room_reports").get(0).path("id").asLong();
        assertThat(admin("DELETE", "event_reports/" + roomReportId, adminToken).errcode())
                .as("a room report is no event report").isEqualTo("M_NOT_FOUND");
        assertThat(admin("GET", "room_reports", adminToken).json().path("total").asInt()).isEqualTo(1);
        assertThat(admin("GET", "room_reports?room_name=CATS", adminToken).json().path("total").asInt()).isEqualTo(1);
        assertThat(admin("GET", "room_reports?room_name=dogs", adminToken).json().path("total").asInt()).isZero();
    }

    private void report(User user, String room, String eventId) {
        Reply r = Http.call("POST", calls.v3("/rooms/" + enc(room) + "/report/" + enc(eventId)), user.accessToken(),
                "{\"reason\":\"bad\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    private static List<String> reasons(JsonNode list) {
        List<String> out = new ArrayList<>();
        list.path("user_reports").forEach(r -> out.add(r.path("reason").asText()));
        return out;
    }

    private static List<String> eventIds(JsonNode list) {
        List<String> out = new ArrayList<>();
        list.path("event_reports").forEach(r -> out.add(r.path("event_id").asText()));
        return out;
    }
}
