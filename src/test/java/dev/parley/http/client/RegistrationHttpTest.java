package dev.parley.http.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.store.jdbc.Dialect;
import dev.parley.testing.Http;
import dev.parley.testing.Http.Reply;
import dev.parley.testing.TestServer;
import dev.parley.testing.TestUsers;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code POST /register} and its helpers, through a real server. */
class RegistrationHttpTest {
    private TestServer server;

    private TestServer start(Consumer<ObjectNode> tweak) {
        server = TestServer.start(Dialect.SQLITE, tweak);
        return server;
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private Reply register(String body) {
        return Http.call("POST", server.baseUrl() + "/_matrix/client/v3/register", null, body);
    }

    @Test
    void registersThroughTheDummyStageAndLogsIn() {
        start(yaml -> { });
        Reply challenge = register("{\"username\":\"alice\",\"password\":\"pw\",\"initial_device_display_name\":\"Phone\"}");
        assertThat(challenge.status()).isEqualTo(401);
        assertThat(challenge.errcode()).isNull();
        assertThat(challenge.json().path("flows").get(0).path("stages").get(0).asText()).isEqualTo("m.login.dummy");
        assertThat(challenge.json().path("params").isObject()).isTrue();
        String session = challenge.json().path("session").asText();
        assertThat(session).isNotEmpty();

        // The client may resend only the auth: the first request's parameters were remembered.
        Reply done = register("{\"auth\":{\"type\":\"m.login.dummy\",\"session\":\"" + session + "\"}}");
        assertThat(done.status()).as(done.body()).isEqualTo(200);
        assertThat(done.json().path("user_id").asText()).isEqualTo("@alice:test.local");
        assertThat(done.json().path("device_id").asText()).isNotEmpty();
        assertThat(done.json().has("refresh_token")).isFalse();
        String token = done.json().path("access_token").asText();
        Reply whoami = Http.get(server.baseUrl() + "/_matrix/client/v3/account/whoami", token);
        assertThat(whoami.json().path("user_id").asText()).isEqualTo("@alice:test.local");
        Reply device = Http.get(server.baseUrl() + "/_matrix/client/v3/devices/" + done.json().path("device_id").asText(), token);
        assertThat(device.json().path("display_name").asText()).isEqualTo("Phone");
        // Like Synapse, a new account's display name starts as its localpart.
        assertThat(Http.get(server.baseUrl() + "/_matrix/client/v3/profile/@alice:test.local").json().path("displayname").asText())
                .isEqualTo("alice");
        // The session is used up.
        assertThat(register("{\"auth\":{\"type\":\"m.login.dummy\",\"session\":\"" + session + "\"}}").status()).isEqualTo(400);
    }

    @Test
    void usernamesAreCheckedBeforeAuthentication() {
        start(yaml -> { });
        TestUsers.register(server, "bob", "pw");
        Reply taken = register("{\"username\":\"bob\",\"password\":\"pw\"}");
        assertThat(taken.status()).isEqualTo(400);
        assertThat(taken.errcode()).isEqualTo("M_USER_IN_USE");
        Reply upper = register("{\"username\":\"BOB\",\"password\":\"pw\"}");
        assertThat(upper.errcode()).isEqualTo("M_USER_IN_USE");
        Reply invalid = register("{\"username\":\"b ob!\",\"password\":\"pw\"}");
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.errcode()).isEqualTo("M_INVALID_USERNAME");
        Reply wrongType = register("{\"username\":42,\"password\":\"pw\"}");
        assertThat(wrongType.errcode()).isEqualTo("M_BAD_JSON");

        String available = server.baseUrl() + "/_matrix/client/v3/register/available?username=";
        assertThat(Http.get(available + "carol").json().path("available").asBoolean()).isTrue();
        assertThat(Http.get(available + "bob").errcode()).isEqualTo("M_USER_IN_USE");
        assertThat(Http.get(available + "%40%40").errcode()).isEqualTo("M_INVALID_USERNAME");
        assertThat(Http.get(server.baseUrl() + "/_matrix/client/v3/register/available").errcode()).isEqualTo("M_MISSING_PARAM");
    }

    @Test
    void badSessionsAndMissingPasswordsAreRefused() {
        start(yaml -> { });
        Reply unknown = register("{\"username\":\"dave\",\"password\":\"pw\",\"auth\":{\"type\":\"m.login.dummy\",\"session\":\"nope\"}}");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.errcode()).isEqualTo("M_UNKNOWN");
        Reply noPassword = register("{\"username\":\"dave\",\"auth\":{\"type\":\"m.login.dummy\"}}");
        assertThat(noPassword.status()).isEqualTo(400);
        assertThat(noPassword.errcode()).isEqualTo("M_MISSING_PARAM");
        Reply badType = register("{\"username\":\"dave\",\"password\":\"pw\",\"auth\":{\"type\":\"m.login.password\"}}");
        assertThat(badType.status()).isEqualTo(401);
        assertThat(badType.errcode()).isEqualTo("M_FORBIDDEN");
        assertThat(server.homeserver().accounts().find(dev.parley.core.id.UserId.parse("@dave:test.local"))).isEmpty();
    }

    @Test
    void registrationCanBeSwitchedOff() {
        start(yaml -> yaml.withObject("registration").put("enabled", false));
        Reply r = register("{\"username\":\"erin\",\"password\":\"pw\"}");
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.errcode()).isEqualTo("M_FORBIDDEN");
    }

    @Test
    void inhibitLoginCreatesTheAccountWithoutASession() {
        start(yaml -> { });
        Reply challenge = register("{\"username\":\"frank\",\"password\":\"pw\",\"inhibit_login\":true}");
        Reply done = register("{\"auth\":{\"type\":\"m.login.dummy\",\"session\":\"" + challenge.json().path("session").asText() + "\"}}");
        assertThat(done.status()).isEqualTo(200);
        assertThat(done.json().path("user_id").asText()).isEqualTo("@frank:test.local");
        assertThat(done.json().has("access_token")).isFalse();
        assertThat(done.json().has("device_id")).isFalse();
    }

    @Test
    void usernameIsGeneratedWhenNoneIsGiven() {
        start(yaml -> { });
        Reply challenge = register("{\"password\":\"pw\"}");
        Reply done = register("{\"auth\":{\"type\":\"m.login.dummy\",\"session\":\"" + challenge.json().path("session").asText() + "\"}}");
        assertThat(done.json().path("user_id").asText()).matches("@[0-9]+:test\\.local");
    }

    @Test
    void registrationTokensGateRegistrationAndAreCounted() {
        start(yaml -> yaml.withObject("registration").put("require_token", true));
        var admin = server.homeserver().accounts().register("admin", Optional.of("pw"), true);
        String adminToken = server.homeserver().sessions().issue(admin, Optional.empty());
        Reply created = Http.call("POST", server.baseUrl() + "/_synapse/admin/v1/registration_tokens/new", adminToken,
                "{\"token\":\"letmein\",\"uses_allowed\":1}");
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        assertThat(created.json().path("uses_allowed").asInt()).isEqualTo(1);

        String validity = server.baseUrl() + "/_matrix/client/v1/register/m.login.registration_token/validity?token=";
        assertThat(Http.get(validity + "letmein").json().path("valid").asBoolean()).isTrue();
        assertThat(Http.get(validity + "nope").json().path("valid").asBoolean()).isFalse();

        Reply challenge = register("{\"username\":\"gina\",\"password\":\"pw\"}");
        assertThat(challenge.json().path("flows").get(0).path("stages").get(0).asText()).isEqualTo("m.login.registration_token");
        String session = challenge.json().path("session").asText();
        Reply wrong = register("{\"auth\":{\"type\":\"m.login.registration_token\",\"token\":\"nope\",\"session\":\"" + session + "\"}}");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.errcode()).isEqualTo("M_FORBIDDEN");
        Reply dummy = register("{\"auth\":{\"type\":\"m.login.dummy\",\"session\":\"" + session + "\"}}");
        assertThat(dummy.status()).as("dummy is not in the flow").isEqualTo(401);
        Reply ok = register("{\"auth\":{\"type\":\"m.login.registration_token\",\"token\":\"letmein\",\"session\":\"" + session + "\"}}");
        assertThat(ok.status()).as(ok.body()).isEqualTo(200);

        Reply used = Http.get(server.baseUrl() + "/_synapse/admin/v1/registration_tokens/letmein", adminToken);
        assertThat(used.json().path("completed").asInt()).isEqualTo(1);
        assertThat(used.json().path("pending").asInt()).isZero();
        assertThat(Http.get(validity + "letmein").json().path("valid").asBoolean()).isFalse();
    }

    @Test
    void termsAreOfferedAsAStageWithTheirPolicies() {
        start(yaml -> yaml.withObject("registration").putArray("terms").addObject()
                .put("id", "terms_of_service").put("version", "1.2").put("name", "Terms of Service")
                .put("url", "https://example.org/terms.html"));
        Reply challenge = register("{\"username\":\"hana\",\"password\":\"pw\"}");
        assertThat(challenge.json().path("flows").get(0).path("stages").get(0).asText()).isEqualTo("m.login.terms");
        var policy = challenge.json().path("params").path("m.login.terms").path("policies").path("terms_of_service");
        assertThat(policy.path("version").asText()).isEqualTo("1.2");
        assertThat(policy.path("en").path("url").asText()).isEqualTo("https://example.org/terms.html");
        Reply done = register("{\"auth\":{\"type\":\"m.login.terms\",\"session\":\"" + challenge.json().path("session").asText() + "\"}}");
        assertThat(done.status()).isEqualTo(200);
    }

    @Test
    void guestsAreRefusedUnlessAllowedAndThenKeptToGuestEndpoints() {
        start(yaml -> { });
        Reply refused = Http.call("POST", server.baseUrl() + "/_matrix/client/v3/register?kind=guest", null, "{}");
        assertThat(refused.status()).isEqualTo(403);
        server.close();
        start(yaml -> yaml.withObject("registration").put("allow_guests", true));
        Reply guest = Http.call("POST", server.baseUrl() + "/_matrix/client/v3/register?kind=guest", null, "{}");
        assertThat(guest.status()).isEqualTo(200);
        String token = guest.json().path("access_token").asText();
        assertThat(Http.get(server.baseUrl() + "/_matrix/client/v3/account/whoami", token).json().path("is_guest").asBoolean()).isTrue();
        // GET /devices is on the spec's guest list ("Guest access"); creating rooms is not.
        assertThat(Http.get(server.baseUrl() + "/_matrix/client/v3/devices", token).status()).isEqualTo(200);
        Reply createRoom = Http.call("POST", server.baseUrl() + "/_matrix/client/v3/createRoom", token, "{}");
        assertThat(createRoom.status()).isEqualTo(403);
        assertThat(createRoom.errcode()).isEqualTo("M_GUEST_ACCESS_FORBIDDEN");
        Reply badKind = Http.call("POST", server.baseUrl() + "/_matrix/client/v3/register?kind=robot", null, "{}");
        assertThat(badKind.errcode()).isEqualTo("M_INVALID_PARAM");
    }
}
