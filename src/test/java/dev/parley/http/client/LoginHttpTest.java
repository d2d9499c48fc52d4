package dev.parley.http.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.id.UserId;
import dev.parley.store.UserRow;
import dev.parley.store.jdbc.JdbcUserStore;
import dev.parley.testing.DialectServerTest;
import dev.parley.testing.Http;
import dev.parley.testing.Http.Reply;
import dev.parley.testing.TestUsers;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Login, refresh and logout, on SQLite and PostgreSQL. */
class LoginHttpTest extends DialectServerTest {
    @Override
    protected void configure(ObjectNode yaml) {
        yaml.withObject("sessions").put("refreshable_access_token_lifetime_ms", 1500);
    }

    @Test
    void offersPasswordAndTokenLogin() {
        Reply flows = Http.get(url("/login"));
        assertThat(flows.json().path("flows").findValuesAsText("type")).contains("m.login.password", "m.login.token");
        assertThat(flows.json().path("flows").get(1).path("get_login_token").asBoolean()).isTrue();
    }

    @Test
    void logsInByLocalpartFullIdOrLegacyUserField() {
        TestUsers.register(server, "alice", "secret");
        Reply byLocalpart = TestUsers.login(server, "alice", "secret", "\"initial_device_display_name\":\"Laptop\"");
        assertThat(byLocalpart.status()).as(byLocalpart.body()).isEqualTo(200);
        assertThat(byLocalpart.json().path("user_id").asText()).isEqualTo("@alice:test.local");
        assertThat(byLocalpart.json().path("home_server").asText()).isEqualTo("test.local");
        assertThat(byLocalpart.json().path("well_known").path("m.homeserver").path("base_url").asText()).startsWith("http");
        assertThat(TestUsers.login(server, "@alice:test.local", "secret", "").status()).isEqualTo(200);
        assertThat(TestUsers.login(server, "ALICE", "secret", "").status()).isEqualTo(200);
        Reply legacy = Http.call("POST", url("/login"), null,
                "{\"type\":\"m.login.password\",\"user\":\"alice\",\"password\":\"secret\",\"device_id\":\"MINE\"}");
        assertThat(legacy.json().path("device_id").asText()).isEqualTo("MINE");
    }

    @Test
    void wrongPasswordsUnknownUsersAndUnknownTypesAreRefused() {
        TestUsers.register(server, "bob", "secret");
        Reply wrong = TestUsers.login(server, "bob", "guess", "");
        assertThat(wrong.status()).isEqualTo(403);
        assertThat(wrong.errcode()).isEqualTo("M_FORBIDDEN");
        Reply unknown = TestUsers.login(server, "nobody", "secret", "");
        assertThat(unknown.status()).isEqualTo(403);
        assertThat(unknown.errcode()).isEqualTo("M_FORBIDDEN");
        Reply remote = TestUsers.login(server, "@bob:elsewhere.org", "secret", "");
        assertThat(remote.errcode()).isEqualTo("M_FORBIDDEN");
        Reply type = Http.call("POST", url("/login"), null, "{\"type\":\"m.login.carrier_pigeon\"}");
        assertThat(type.status()).isEqualTo(400);
        assertThat(type.errcode()).isEqualTo("M_UNKNOWN");
        Reply thirdParty = Http.call("POST", url("/login"), null,
                "{\"type\":\"m.login.password\",\"identifier\":{\"type\":\"m.id.thirdparty\",\"medium\":\"email\",\"address\":\"b@example.org\"},\"password\":\"secret\"}");
        assertThat(thirdParty.status()).isEqualTo(403);
    }

    @Test
    void aBcryptHashMadeElsewhereVerifies() {
        // Made by libxcrypt (Python's crypt module, METHOD_BLOWFISH), not by Parley.
        String hash = "$2b$12$Ei/Hc.Yat9fWpy3iDzsW5OjiT3ZU5kp9Us6tcUS1Gnb3C4t4esenC";
        try (var db = dev.parley.store.jdbc.Databases.open(server.config.database().url(), 2, 1)) {
            new JdbcUserStore(db).create(new UserRow(UserId.parse("@imported:test.local"), Optional.of(hash), false, false, false, 1L));
        }
        assertThat(TestUsers.login(server, "imported", "correct horse battery staple", "").status()).isEqualTo(200);
        assertThat(TestUsers.login(server, "imported", "correct horse battery stapler", "").status()).isEqualTo(403);
    }

    @Test
    void refreshTokensRenewExpiringAccessTokens() throws Exception {
        TestUsers.register(server, "carol", "secret");
        Reply login = TestUsers.login(server, "carol", "secret", "\"refresh_token\":true");
        assertThat(login.json().path("expires_in_ms").asLong()).isEqualTo(1500);
        String access = login.json().path("access_token").asText();
        String refresh = login.json().path("refresh_token").asText();
        String device = login.json().path("device_id").asText();
        assertThat(Http.get(url("/account/whoami"), access).status()).isEqualTo(200);

        Thread.sleep(1700);
        Reply expired = Http.get(url("/account/whoami"), access);
        assertThat(expired.status()).isEqualTo(401);
        assertThat(expired.errcode()).isEqualTo("M_UNKNOWN_TOKEN");
        assertThat(expired.json().path("soft_logout").asBoolean()).isTrue();

        Reply refreshed = Http.call("POST", url("/refresh"), null, "{\"refresh_token\":\"" + refresh + "\"}");
        assertThat(refreshed.status()).as(refreshed.body()).isEqualTo(200);
        String access2 = refreshed.json().path("access_token").asText();
        String refresh2 = refreshed.json().path("refresh_token").asText();
        assertThat(refreshed.json().path("expires_in_ms").asLong()).isEqualTo(1500);
        assertThat(access2).isNotEqualTo(access);
        Reply whoami = Http.get(url("/account/whoami"), access2);
        assertThat(whoami.json().path("device_id").asText()).isEqualTo(device);

        // The old refresh token was revoked once the new access token was used.
        Reply reuse = Http.call("POST", url("/refresh"), null, "{\"refresh_token\":\"" + refresh + "\"}");
        assertThat(reuse.status()).isEqualTo(401);
        assertThat(reuse.errcode()).isEqualTo("M_UNKNOWN_TOKEN");
        assertThat(Http.call("POST", url("/refresh"), null, "{\"refresh_token\":\"" + refresh2 + "\"}").status()).isEqualTo(200);
        assertThat(Http.call("POST", url("/refresh"), null, "{}").errcode()).isEqualTo("M_MISSING_PARAM");
    }

    @Test
    void loginTokensSignInAnotherDeviceOnce() {
        var alice = TestUsers.register(server, "dora", "secret");
        Reply challenge = Http.call("POST", calls.v1("/login/get_token"), alice.accessToken(), "{}");
        assertThat(challenge.status()).isEqualTo(401);
        String session = challenge.json().path("session").asText();
        Reply token = Http.call("POST", calls.v1("/login/get_token"), alice.accessToken(),
                "{\"auth\":" + TestUsers.passwordAuth(alice.userId(), "secret", session) + "}");
        assertThat(token.status()).as(token.body()).isEqualTo(200);
        assertThat(token.json().path("expires_in_ms").asLong()).isPositive();
        String loginToken = token.json().path("login_token").asText();
        String body = "{\"type\":\"m.login.token\",\"token\":\"" + loginToken + "\"}";
        Reply first = Http.call("POST", url("/login"), null, body);
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json().path("user_id").asText()).isEqualTo(alice.userId());
        assertThat(first.json().path("device_id").asText()).isNotEqualTo(alice.deviceId());
        assertThat(Http.call("POST", url("/login"), null, body).status()).isEqualTo(403);
    }

    @Test
    void logoutEndsOneSessionAndLogoutAllEndsEvery() {
        TestUsers.register(server, "eve", "secret");
        String a = TestUsers.login(server, "eve", "secret", "").json().path("access_token").asText();
        String b = TestUsers.login(server, "eve", "secret", "").json().path("access_token").asText();
        String c = TestUsers.login(server, "eve", "secret", "").json().path("access_token").asText();
        assertThat(Http.call("POST", url("/logout"), a, null).status()).isEqualTo(200);
        assertThat(Http.get(url("/account/whoami"), a).errcode()).isEqualTo("M_UNKNOWN_TOKEN");
        assertThat(Http.get(url("/account/whoami"), b).status()).isEqualTo(200);
        assertThat(Http.get(url("/devices"), b).json().path("devices")).hasSize(3); // registration's device + b + c
        assertThat(Http.call("POST", url("/logout/all"), b, null).status()).isEqualTo(200);
        assertThat(Http.get(url("/account/whoami"), b).status()).isEqualTo(401);
        assertThat(Http.get(url("/account/whoami"), c).status()).isEqualTo(401);
    }

    @Test
    void reusingADeviceIdReplacesItsOldToken() {
        TestUsers.register(server, "finn", "secret");
        String first = TestUsers.login(server, "finn", "secret", "\"device_id\":\"SAME\"").json().path("access_token").asText();
        String second = TestUsers.login(server, "finn", "secret", "\"device_id\":\"SAME\"").json().path("access_token").asText();
        assertThat(Http.get(url("/account/whoami"), first).status()).isEqualTo(401);
        assertThat(Http.get(url("/account/whoami"), second).json().path("device_id").asText()).isEqualTo("SAME");
    }
}
