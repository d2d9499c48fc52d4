package dev.parley.http.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.DialectServerTest;
import dev.parley.testing.Http;
import dev.parley.testing.Http.Reply;
import dev.parley.testing.TestUsers;
import dev.parley.testing.TestUsers.User;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Client-Server API, "Account suspension": a suspended user can still log in, read, leave rooms
 * and reject invites, redact their own events, use key backup, delete devices, log out and
 * deactivate; joining, knocking, accepting or sending invites, sending, redacting others' events
 * and changing their profile are 403 {@code M_USER_SUSPENDED}.
 */
class AccountSuspensionHttpTest extends DialectServerTest {
    private String adminToken;
    /** bob's public room (bob creates it), where alice (power 100, so she could redact others) and carol are joined. */
    private String shared;
    private String ownEvent;
    private String bobsEvent;
    /** bob invited alice here. */
    private String invitedTo;
    /** Public rooms alice is not in: one to join, one to knock on. */
    private String open;
    private String knockable;

    AccountSuspensionHttpTest() {
        super(3);
    }

    @BeforeEach
    void rooms() {
        adminToken = registerAdmin("admin");
        shared = createRoom(bob, "{\"preset\":\"public_chat\",\"power_level_content_override\":{\"users\":{\""
                + alice.userId() + "\":100}}}");
        calls.join(alice, shared);
        calls.join(carol, shared);
        ownEvent = sendText(alice, shared, "own", "mine");
        bobsEvent = sendText(bob, shared, "bobs", "theirs");
        invitedTo = createRoom(bob, "{\"invite\":[\"" + alice.userId() + "\"]}");
        open = createRoom(bob, "{\"preset\":\"public_chat\"}");
        knockable = createRoom(bob, "{\"initial_state\":[{\"type\":\"m.room.join_rules\",\"state_key\":\"\","
                + "\"content\":{\"join_rule\":\"knock\"}}]}");
    }

    private void suspend(String userId, boolean suspended) {
        Reply r = Http.call("PUT", calls.v1("/admin/suspend/" + enc(userId)), adminToken,
                "{\"suspended\":" + suspended + "}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    private Reply call(String token, String method, String path, String body) {
        return Http.call(method, url(path), token, body);
    }

    private static void assertSuspended(Reply reply, String what) {
        assertThat(reply.status()).as(what + ": " + reply.body()).isEqualTo(403);
        assertThat(reply.errcode()).as(what).isEqualTo("M_USER_SUSPENDED");
    }

    private List<String> joinedRooms(User user) {
        List<String> rooms = new ArrayList<>();
        Http.get(url("/joined_rooms"), user.accessToken()).json().path("joined_rooms").forEach(r -> rooms.add(r.asText()));
        return rooms;
    }

    @Test
    void aSuspendedUserIsRefusedTheSpecsForbiddenActions() {
        User dave = register("dave");
        String created = createRoom(alice, "{}");
        suspend(alice.userId(), true);
        String t = alice.accessToken();
        String r = "/rooms/" + enc(shared);
        List<String> roomsBefore = joinedRooms(alice);

        assertSuspended(call(t, "PUT", r + "/send/m.room.message/m1", "{\"msgtype\":\"m.text\",\"body\":\"x\"}"),
                "sending a message");
        assertSuspended(call(t, "PUT", r + "/state/m.room.topic/", "{\"topic\":\"x\"}"), "sending state");
        assertSuspended(call(t, "PUT", r + "/redact/" + enc(bobsEvent) + "/r1", "{}"), "redacting another's event");
        assertSuspended(call(t, "PUT", r + "/send/m.room.redaction/r2", "{\"redacts\":\"" + bobsEvent + "\"}"),
                "redacting another's event through /send");
        assertSuspended(call(t, "POST", r + "/invite", "{\"user_id\":\"" + dave.userId() + "\"}"), "inviting");
        assertSuspended(call(t, "PUT", r + "/state/m.room.member/" + enc(dave.userId()), "{\"membership\":\"invite\"}"),
                "inviting through /state");
        assertSuspended(call(t, "POST", r + "/kick", "{\"user_id\":\"" + carol.userId() + "\"}"), "kicking");
        assertSuspended(call(t, "POST", r + "/ban", "{\"user_id\":\"" + carol.userId() + "\"}"), "banning");
        assertSuspended(call(t, "POST", "/createRoom", "{}"), "creating a room");
        assertSuspended(call(t, "POST", "/createRoom", "{\"invite\":[\"" + dave.userId() + "\"]}"), "creating a room");
        assertSuspended(call(t, "POST", "/rooms/" + enc(created) + "/upgrade", "{\"new_version\":\"11\"}"),
                "upgrading a room");
        assertSuspended(call(t, "POST", "/join/" + enc(open), "{}"), "joining");
        assertSuspended(call(t, "POST", "/rooms/" + enc(open) + "/join", "{}"), "joining by room ID");
        assertSuspended(call(t, "POST", "/knock/" + enc(knockable), "{}"), "knocking");
        assertSuspended(call(t, "POST", "/rooms/" + enc(invitedTo) + "/join", "{}"), "accepting an invite");
        String profile = "/profile/" + enc(alice.userId());
        assertSuspended(call(t, "PUT", profile + "/displayname", "{\"displayname\":\"x\"}"), "display name");
        assertSuspended(call(t, "PUT", profile + "/avatar_url", "{\"avatar_url\":\"mxc://test.local/abc\"}"), "avatar");
        assertSuspended(call(t, "DELETE", profile + "/displayname", null), "removing the display name");
        assertSuspended(call(t, "PUT", profile + "/m.tz", "{\"m.tz\":\"Europe/Paris\"}"), "a profile field");

        JsonNode capabilities = Http.get(url("/capabilities"), t).json().path("capabilities");
        for (String name : new String[] {"m.profile_fields", "m.set_displayname", "m.set_avatar_url"}) {
            assertThat(capabilities.path(name).path("enabled").asBoolean(true)).as(name).isFalse();
        }

        assertThat(joinedRooms(alice)).as("no room was created, joined or upgraded").isEqualTo(roomsBefore);
        assertThat(Http.get(url(profile + "/displayname")).json().path("displayname").asText()).isEqualTo("alice");
        assertThat(call(bob.accessToken(), "GET", r + "/event/" + enc(bobsEvent), null).json().path("content")
                .path("body").asText()).as("bob's event is not redacted").isEqualTo("theirs");
        assertThat(call(dave.accessToken(), "GET", "/sync", null).json().path("rooms").path("invite").size())
                .as("dave got no invite").isZero();
        assertThat(sendText(bob, shared, "bob2", "others carry on")).isNotEmpty();
    }

    @Test
    void aSuspendedUserReadsLeavesRedactsOwnEventsManagesDevicesAndLogsOut() {
        String since = sync(alice, null, "").path("next_batch").asText();
        suspend(alice.userId(), true);
        String t = alice.accessToken();
        sendText(bob, shared, "later", "while you were suspended");

        JsonNode synced = sync(alice, since, "timeout=0");
        assertThat(timelineBodies(synced, shared)).containsExactly("while you were suspended");
        assertThat(sync(alice, null, "").path("rooms").path("invite").has(invitedTo)).isTrue();
        Reply messages = calls.messages(alice, shared, "dir=b&limit=5");
        assertThat(messages.status()).isEqualTo(200);
        assertThat(messages.json().path("chunk").findValuesAsText("body")).contains("while you were suspended", "mine");
        assertThat(Http.get(url("/rooms/" + enc(shared) + "/state"), t).status()).isEqualTo(200);

        Reply redactOwn = calls.redact(alice, shared, ownEvent, "own1", "{}");
        assertThat(redactOwn.status()).as("redacting one's own event: " + redactOwn.body()).isEqualTo(200);
        Reply typing = call(t, "PUT", "/rooms/" + enc(shared) + "/typing/" + enc(alice.userId()), "{\"typing\":false}");
        assertThat(typing.status()).isEqualTo(200);
        Reply backup = call(t, "POST", "/room_keys/version",
                "{\"algorithm\":\"m.megolm_backup.v1.curve25519-aes-sha2\",\"auth_data\":{\"public_key\":\"pk\"}}");
        assertThat(backup.status()).as("key backup: " + backup.body()).isEqualTo(200);

        Reply login = TestUsers.login(server, "alice", "pw", "\"device_id\":\"SECOND\"");
        assertThat(login.status()).as("logging in: " + login.body()).isEqualTo(200);
        String second = login.json().path("access_token").asText();
        assertSuspended(Http.call("PUT", url("/rooms/" + enc(shared) + "/send/m.room.message/s1"), second,
                "{\"msgtype\":\"m.text\",\"body\":\"x\"}"), "the new session is suspended too");
        Reply delete = call(t, "DELETE", "/devices/SECOND", "{\"auth\":" + TestUsers.passwordAuth(alice.userId(), "pw", null) + "}");
        assertThat(delete.status()).as("deleting a device: " + delete.body()).isEqualTo(200);
        assertThat(Http.get(url("/account/whoami"), second).errcode()).isEqualTo("M_UNKNOWN_TOKEN");

        Reply reject = call(t, "POST", "/rooms/" + enc(invitedTo) + "/leave", "{}");
        assertThat(reject.status()).as("rejecting an invite: " + reject.body()).isEqualTo(200);
        Reply leave = call(t, "POST", "/rooms/" + enc(shared) + "/leave", "{}");
        assertThat(leave.status()).as("leaving: " + leave.body()).isEqualTo(200);
        assertThat(joinedRooms(alice)).doesNotContain(shared);
        Reply logout = call(t, "POST", "/logout", "{}");
        assertThat(logout.status()).as("logging out: " + logout.body()).isEqualTo(200);
    }

    @Test
    void aSuspendedUserMayDeactivate() {
        suspend(alice.userId(), true);
        Reply done = call(alice.accessToken(), "POST", "/account/deactivate",
                "{\"auth\":" + TestUsers.passwordAuth(alice.userId(), "pw", null) + "}");
        assertThat(done.status()).as(done.body()).isEqualTo(200);
    }

    @Test
    void unsuspendingRestoresEveryAction() {
        suspend(alice.userId(), true);
        assertSuspended(call(alice.accessToken(), "POST", "/createRoom", "{}"), "creating a room");
        suspend(alice.userId(), false);

        assertThat(Http.get(url("/capabilities"), alice.accessToken()).json().path("capabilities")
                .path("m.profile_fields").path("enabled").asBoolean()).isTrue();
        sendText(alice, shared, "back", "back again");
        assertThat(calls.redact(alice, shared, bobsEvent, "red", "{}").status()).isEqualTo(200);
        assertThat(createRoom(alice, "{}")).isNotEmpty();
        calls.join(alice, open);
        assertThat(call(alice.accessToken(), "POST", "/rooms/" + enc(invitedTo) + "/join", "{}").status()).isEqualTo(200);
        assertThat(call(alice.accessToken(), "PUT", "/profile/" + enc(alice.userId()) + "/displayname",
                "{\"displayname\":\"Alice\"}").status()).isEqualTo(200);
        assertThat(call(alice.accessToken(), "POST", "/knock/" + enc(knockable), "{}").status()).isEqualTo(200);
    }
}
