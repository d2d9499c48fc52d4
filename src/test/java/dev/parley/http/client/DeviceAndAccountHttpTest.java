package dev.parley.http.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.store.jdbc.Dialect;
import dev.parley.testing.Http;
import dev.parley.testing.Http.Reply;
import dev.parley.testing.TestServer;
import dev.parley.testing.TestUsers;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Devices, password changes, deactivation, capabilities and shared-secret registration. */
class DeviceAndAccountHttpTest {
    private TestServer server;

    @BeforeEach
    void start() {
        server = TestServer.start(Dialect.SQLITE, yaml -> { });
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private String url(String path) {
        return server.baseUrl() + "/_matrix/client" + path;
    }

    @Test
    void listsRenamesAndShowsLastSeenOfTwoDevices() {
        var alice = TestUsers.register(server, "alice", "secret");
        String phone = TestUsers.login(server, "alice", "secret", "\"device_id\":\"PHONE\",\"initial_device_display_name\":\"Phone\"")
                .json().path("access_token").asText();
        Http.get(url("/v3/account/whoami"), phone);
        Reply list = Http.get(url("/v3/devices"), alice.accessToken());
        assertThat(list.json().path("devices").findValuesAsText("device_id")).containsExactlyInAnyOrder(alice.deviceId(), "PHONE");
        Reply one = Http.get(url("/v3/devices/PHONE"), alice.accessToken());
        assertThat(one.json().path("display_name").asText()).isEqualTo("Phone");
        assertThat(one.json().path("last_seen_ip").asText()).isEqualTo("127.0.0.1");
        assertThat(one.json().path("last_seen_ts").asLong()).isPositive();

        assertThat(Http.call("PUT", url("/v3/devices/PHONE"), alice.accessToken(), "{\"display_name\":\"Old phone\"}").status()).isEqualTo(200);
        assertThat(Http.get(url("/v3/devices/PHONE"), alice.accessToken()).json().path("display_name").asText()).isEqualTo("Old phone");
        assertThat(Http.call("PUT", url("/v3/devices/NOPE"), alice.accessToken(), "{\"display_name\":\"x\"}").status()).isEqualTo(404);
        assertThat(Http.get(url("/v3/devices/NOPE"), alice.accessToken()).errcode()).isEqualTo("M_NOT_FOUND");

        var bob = TestUsers.register(server, "bob", "secret");
        assertThat(Http.get(url("/v3/devices/PHONE"), bob.accessToken()).status()).as("another user's device").isEqualTo(404);
    }

    @Test
    void deletingDevicesNeedsThePasswordAndLogsThemOut() {
        var alice = TestUsers.register(server, "carol", "secret");
        String other = TestUsers.login(server, "carol", "secret", "\"device_id\":\"OTHER\"").json().path("access_token").asText();
        Reply challenge = Http.call("DELETE", url("/v3/devices/OTHER"), alice.accessToken(), "{}");
        assertThat(challenge.status()).isEqualTo(401);
        assertThat(challenge.json().path("flows").get(0).path("stages").get(0).asText()).isEqualTo("m.login.password");
        String session = challenge.json().path("session").asText();
        Reply wrong = Http.call("DELETE", url("/v3/devices/OTHER"), alice.accessToken(),
                "{\"auth\":" + TestUsers.passwordAuth(alice.userId(), "guess", session) + "}");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.errcode()).isEqualTo("M_FORBIDDEN");
        assertThat(Http.get(url("/v3/account/whoami"), other).status()).isEqualTo(200);
        Reply someoneElse = Http.call("DELETE", url("/v3/devices/OTHER"), alice.accessToken(),
                "{\"auth\":" + TestUsers.passwordAuth("@nobody:test.local", "secret", session) + "}");
        assertThat(someoneElse.errcode()).isEqualTo("M_FORBIDDEN");
        Reply ok = Http.call("DELETE", url("/v3/devices/OTHER"), alice.accessToken(),
                "{\"auth\":" + TestUsers.passwordAuth(alice.userId(), "secret", session) + "}");
        assertThat(ok.status()).as(ok.body()).isEqualTo(200);
        assertThat(Http.get(url("/v3/account/whoami"), other).errcode()).isEqualTo("M_UNKNOWN_TOKEN");

        TestUsers.login(server, "carol", "secret", "\"device_id\":\"X1\"");
        TestUsers.login(server, "carol", "secret", "\"device_id\":\"X2\"");
        Reply bulk = Http.call("POST", url("/v3/delete_devices"), alice.accessToken(),
                "{\"devices\":[\"X1\",\"X2\"],\"auth\":" + TestUsers.passwordAuth(alice.userId(), "secret", null) + "}");
        assertThat(bulk.status()).as(bulk.body()).isEqualTo(200);
        assertThat(Http.get(url("/v3/devices"), alice.accessToken()).json().path("devices")).hasSize(1);
        Reply badList = Http.call("POST", url("/v3/delete_devices"), alice.accessToken(), "{\"devices\":\"X1\"}");
        assertThat(badList.errcode()).isEqualTo("M_BAD_JSON");
    }

    @Test
    void aSessionStartedForOneDeviceCannotDeleteAnother() {
        var alice = TestUsers.register(server, "dan", "secret");
        TestUsers.login(server, "dan", "secret", "\"device_id\":\"ONE\"");
        TestUsers.login(server, "dan", "secret", "\"device_id\":\"TWO\"");
        String session = Http.call("DELETE", url("/v3/devices/ONE"), alice.accessToken(), "{}").json().path("session").asText();
        Reply crossed = Http.call("DELETE", url("/v3/devices/TWO"), alice.accessToken(),
                "{\"auth\":" + TestUsers.passwordAuth(alice.userId(), "secret", session) + "}");
        assertThat(crossed.status()).isEqualTo(403);
        assertThat(Http.get(url("/v3/devices"), alice.accessToken()).json().path("devices")).hasSize(3);
    }

    @Test
    void changingThePasswordLogsOutOtherDevicesUnlessAskedNotTo() {
        var alice = TestUsers.register(server, "erin", "old-pw");
        String other = TestUsers.login(server, "erin", "old-pw", "").json().path("access_token").asText();
        Reply changed = Http.call("POST", url("/v3/account/password"), alice.accessToken(),
                "{\"new_password\":\"new-pw\",\"auth\":" + TestUsers.passwordAuth(alice.userId(), "old-pw", null) + "}");
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        assertThat(Http.get(url("/v3/account/whoami"), other).status()).isEqualTo(401);
        assertThat(Http.get(url("/v3/account/whoami"), alice.accessToken()).status()).isEqualTo(200);
        assertThat(TestUsers.login(server, "erin", "old-pw", "").status()).isEqualTo(403);
        String kept = TestUsers.login(server, "erin", "new-pw", "").json().path("access_token").asText();

        Reply keepDevices = Http.call("POST", url("/v3/account/password"), alice.accessToken(),
                "{\"new_password\":\"newer-pw\",\"logout_devices\":false,\"auth\":" + TestUsers.passwordAuth(alice.userId(), "new-pw", null) + "}");
        assertThat(keepDevices.status()).isEqualTo(200);
        assertThat(Http.get(url("/v3/account/whoami"), kept).status()).isEqualTo(200);
        Reply missing = Http.call("POST", url("/v3/account/password"), alice.accessToken(),
                "{\"auth\":" + TestUsers.passwordAuth(alice.userId(), "newer-pw", null) + "}");
        assertThat(missing.errcode()).isEqualTo("M_MISSING_PARAM");
    }

    @Test
    void deactivationIsFinal() {
        var alice = TestUsers.register(server, "fay", "secret");
        Reply done = Http.call("POST", url("/v3/account/deactivate"), alice.accessToken(),
                "{\"erase\":true,\"auth\":" + TestUsers.passwordAuth(alice.userId(), "secret", null) + "}");
        assertThat(done.status()).as(done.body()).isEqualTo(200);
        assertThat(done.json().path("id_server_unbind_result").asText()).isEqualTo("no-support");
        assertThat(Http.get(url("/v3/account/whoami"), alice.accessToken()).status()).isEqualTo(401);
        Reply login = TestUsers.login(server, "fay", "secret", "");
        assertThat(login.status()).isEqualTo(403);
        assertThat(login.errcode()).isEqualTo("M_USER_DEACTIVATED");
        assertThat(TestUsers.login(server, "fay", "wrong", "").errcode()).isEqualTo("M_FORBIDDEN");
        Reply again = Http.call("POST", url("/v3/register"), null, "{\"username\":\"fay\",\"password\":\"x\"}");
        assertThat(again.errcode()).isEqualTo("M_USER_IN_USE");
    }

    @Test
    void capabilitiesDescribeThisServer() {
        var alice = TestUsers.register(server, "gus", "secret");
        Reply caps = Http.get(url("/v3/capabilities"), alice.accessToken());
        var c = caps.json().path("capabilities");
        assertThat(c.path("m.change_password").path("enabled").asBoolean()).isTrue();
        assertThat(c.path("m.room_versions").path("default").asText()).isEqualTo("12");
        assertThat(c.path("m.room_versions").path("available").path("1").asText()).isEqualTo("stable");
        assertThat(c.path("m.room_versions").path("available").size()).isEqualTo(12);
        assertThat(c.path("m.3pid_changes").path("enabled").asBoolean()).isFalse();
        assertThat(c.path("m.set_displayname").path("enabled").asBoolean()).isTrue();
        // v1.16 (MSC4133): custom profile fields may be set.
        assertThat(c.path("m.profile_fields").path("enabled").asBoolean()).isTrue();
        assertThat(Http.get(url("/v3/capabilities")).errcode()).isEqualTo("M_MISSING_TOKEN");
    }

    @Test
    void sharedSecretRegistrationFollowsSynapse() throws Exception {
        String secret = server.config.registration().sharedSecret().orElseThrow();
        String endpoint = server.baseUrl() + "/_synapse/admin/v1/register";
        String nonce = Http.get(endpoint).json().path("nonce").asText();
        String mac = hmac(secret, nonce + "\0hank\0pw-123\0admin");
        Reply ok = Http.call("POST", endpoint, null, "{\"nonce\":\"" + nonce + "\",\"username\":\"hank\",\"password\":\"pw-123\","
                + "\"admin\":true,\"displayname\":\"Hank the Admin\",\"mac\":\"" + mac + "\"}");
        assertThat(ok.status()).as(ok.body()).isEqualTo(200);
        assertThat(ok.json().path("user_id").asText()).isEqualTo("@hank:test.local");
        assertThat(ok.json().path("home_server").asText()).isEqualTo("test.local");
        assertThat(Http.get(url("/v3/profile/@hank:test.local/displayname")).json().path("displayname").asText())
                .isEqualTo("Hank the Admin");
        String token = ok.json().path("access_token").asText();
        assertThat(Http.get(server.baseUrl() + "/_synapse/admin/v1/registration_tokens", token).status()).as("an admin").isEqualTo(200);

        Reply reused = Http.call("POST", endpoint, null, "{\"nonce\":\"" + nonce + "\",\"username\":\"ivy\",\"password\":\"pw\","
                + "\"mac\":\"" + hmac(secret, nonce + "\0ivy\0pw\0notadmin") + "\"}");
        assertThat(reused.status()).isEqualTo(400);
        String nonce2 = Http.get(endpoint).json().path("nonce").asText();
        Reply badMac = Http.call("POST", endpoint, null, "{\"nonce\":\"" + nonce2 + "\",\"username\":\"ivy\",\"password\":\"pw\","
                + "\"mac\":\"" + hmac("wrong-secret-wrong", nonce2 + "\0ivy\0pw\0notadmin") + "\"}");
        assertThat(badMac.status()).isEqualTo(403);
        assertThat(badMac.errcode()).isEqualTo("M_FORBIDDEN");
        var plain = TestUsers.register(server, "jo", "pw");
        assertThat(Http.get(server.baseUrl() + "/_synapse/admin/v1/registration_tokens", plain.accessToken()).status())
                .as("not an admin").isEqualTo(403);
    }

    private static String hmac(String key, String message) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
    }
}
