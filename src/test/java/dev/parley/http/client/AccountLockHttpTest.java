package dev.parley.http.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.DialectServerTest;
import dev.parley.testing.Http;
import dev.parley.testing.Http.Reply;
import dev.parley.testing.TestUsers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Client-Server API, "Account locking": a locked account gets 401 {@code M_USER_LOCKED} with
 * {@code soft_logout: true} on everything but {@code /logout} and {@code /logout/all}, keeps its
 * tokens, cannot get new ones, and carries on where it was once unlocked.
 */
class AccountLockHttpTest extends DialectServerTest {
    private String adminToken;
    private String room;

    AccountLockHttpTest() {
        super(2);
    }

    @BeforeEach
    void adminAndRoom() {
        adminToken = registerAdmin("admin");
        room = createRoom(bob, "{\"preset\":\"public_chat\"}");
        calls.join(alice, room);
    }

    private void lock(String userId, boolean locked) {
        Reply r = Http.call("PUT", calls.v1("/admin/lock/" + enc(userId)), adminToken, "{\"locked\":" + locked + "}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    private static void assertLocked(Reply reply, String what) {
        assertThat(reply.status()).as(what + ": " + reply.body()).isEqualTo(401);
        assertThat(reply.errcode()).as(what).isEqualTo("M_USER_LOCKED");
        assertThat(reply.json().path("soft_logout").isBoolean()).as(what).isTrue();
        assertThat(reply.json().path("soft_logout").asBoolean()).as(what).isTrue();
    }

    @Test
    void everyAuthenticatedEndpointAnswersUserLockedUntilUnlocked() {
        String since = sync(alice, null, "").path("next_batch").asText();
        lock(alice.userId(), true);
        String token = alice.accessToken();
        String r = "/rooms/" + enc(room);
        assertLocked(Http.get(url("/sync"), token), "/sync");
        assertLocked(Http.get(url("/sync?timeout=0&since=" + since), token), "incremental /sync");
        assertLocked(Http.call("PUT", url(r + "/send/m.room.message/t1"), token, "{\"msgtype\":\"m.text\",\"body\":\"x\"}"),
                "/send");
        assertLocked(Http.get(url(r + "/messages?dir=b"), token), "/messages");
        assertLocked(Http.call("POST", url(r + "/leave"), token, "{}"), "/leave");
        assertLocked(Http.get(url("/account/whoami"), token), "/whoami");
        assertLocked(Http.get(url("/capabilities"), token), "/capabilities");
        assertLocked(Http.get(url("/devices"), token), "/devices");
        assertLocked(Http.call("PUT", url("/profile/" + enc(alice.userId()) + "/displayname"), token,
                "{\"displayname\":\"x\"}"), "profile");
        assertLocked(Http.call("POST", url("/createRoom"), token, "{}"), "/createRoom");
        assertLocked(Http.call("POST", url("/keys/query"), token, "{\"device_keys\":{}}"), "/keys/query");
        assertLocked(Http.get(calls.v1("/media/config"), token), "media");
        assertLocked(Http.get(url("/pushrules/"), token), "/pushrules");
        assertThat(Http.get(url("/account/whoami"), bob.accessToken()).status()).as("others are unaffected").isEqualTo(200);

        lock(alice.userId(), false);
        assertThat(Http.get(url("/account/whoami"), token).status()).as("the same token works again").isEqualTo(200);
        assertThat(timelineBodies(sync(alice, since, "timeout=0"), room)).isEmpty();
        sendText(alice, room, "after", "back");
    }

    @Test
    void aLockedAccountGetsNoNewTokensButMayLogOut() {
        Reply refreshable = TestUsers.login(server, "alice", "pw", "\"refresh_token\":true");
        assertThat(refreshable.status()).isEqualTo(200);
        String refreshToken = refreshable.json().path("refresh_token").asText();
        String second = TestUsers.login(server, "alice", "pw", "").json().path("access_token").asText();
        lock(alice.userId(), true);

        assertLocked(TestUsers.login(server, "alice", "pw", ""), "/login");
        assertThat(TestUsers.login(server, "alice", "wrong", "").errcode())
                .as("a wrong password says nothing of the lock").isEqualTo("M_FORBIDDEN");
        assertLocked(Http.call("POST", url("/refresh"), null, "{\"refresh_token\":\"" + refreshToken + "\"}"), "/refresh");

        Reply logout = Http.call("POST", url("/logout"), alice.accessToken(), "{}");
        assertThat(logout.status()).as(logout.body()).isEqualTo(200);
        Reply logoutAll = Http.call("POST", url("/logout/all"), second, "{}");
        assertThat(logoutAll.status()).as(logoutAll.body()).isEqualTo(200);

        lock(alice.userId(), false);
        assertThat(Http.get(url("/account/whoami"), alice.accessToken()).errcode()).isEqualTo("M_UNKNOWN_TOKEN");
        assertThat(Http.get(url("/account/whoami"), second).errcode()).isEqualTo("M_UNKNOWN_TOKEN");
        assertThat(TestUsers.login(server, "alice", "pw", "").status()).as("unlocked: logins work again").isEqualTo(200);
    }
}
