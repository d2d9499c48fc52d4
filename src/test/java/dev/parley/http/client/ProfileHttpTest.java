package dev.parley.http.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.json.Json;
import dev.parley.testing.Http;
import dev.parley.testing.Http.Reply;
import dev.parley.testing.TestServer;
import dev.parley.testing.UserClient;
import dev.parley.store.jdbc.Dialect;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Profiles through a real server: {@code /_matrix/client/v3/profile/...}. */
class ProfileHttpTest {
    private static TestServer server;
    private static UserClient alice;
    private static UserClient bob;

    @BeforeAll
    static void start() {
        server = TestServer.start(Dialect.SQLITE, yaml -> yaml.withObject("rate_limits").put("enabled", false));
        alice = UserClient.register(server, "alice");
        bob = UserClient.register(server, "bob");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void setsAndReadsDisplayNameAvatarTimeZoneAndCustomFields() throws Exception {
        UserClient carol = UserClient.register(server, "carol");
        String base = "/v3/profile/" + carol.pathId();
        assertThat(Http.get(server.baseUrl() + "/_matrix/client" + base).json()).isEmpty();

        assertThat(carol.put(base + "/displayname", "{\"displayname\":\"Carol\"}").json()).isEmpty();
        assertThat(carol.put(base + "/avatar_url", "{\"avatar_url\":\"mxc://test.local/abc_DEF-1\"}").status()).isEqualTo(200);
        assertThat(carol.put(base + "/m.tz", "{\"m.tz\":\"Europe/London\"}").status()).isEqualTo(200);
        assertThat(carol.put(base + "/org.example.job", "{\"org.example.job\":{\"title\":\"Engineer\",\"years\":3}}")
                .status()).isEqualTo(200);

        // Profile look-up needs no access token.
        Reply profile = Http.get(server.baseUrl() + "/_matrix/client" + base);
        assertThat(profile.status()).isEqualTo(200);
        assertThat(profile.json()).isEqualTo(Json.MAPPER.readTree("""
                {"displayname":"Carol","avatar_url":"mxc://test.local/abc_DEF-1","m.tz":"Europe/London",
                 "org.example.job":{"title":"Engineer","years":3}}"""));
        Reply field = Http.get(server.baseUrl() + "/_matrix/client" + base + "/displayname");
        assertThat(field.json()).isEqualTo(Json.MAPPER.readTree("{\"displayname\":\"Carol\"}"));
        assertThat(carol.get(base + "/org.example.job").json().path("org.example.job").path("years").asInt()).isEqualTo(3);
    }

    @Test
    void deletingAFieldRemovesItAndDeletingAnAbsentOneSucceeds() {
        String base = "/v3/profile/" + alice.pathId();
        alice.put(base + "/org.example.pet", "{\"org.example.pet\":\"cat\"}");
        assertThat(alice.delete(base + "/org.example.pet").status()).isEqualTo(200);
        Reply gone = alice.get(base + "/org.example.pet");
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.errcode()).isEqualTo("M_NOT_FOUND");
        assertThat(alice.delete(base + "/org.example.pet").status()).isEqualTo(200);
        assertThat(alice.get(base).json().has("org.example.pet")).isFalse();
    }

    @Test
    void changingSomeoneElsesProfileIsForbidden() {
        String bobs = "/v3/profile/" + bob.pathId();
        Reply put = alice.put(bobs + "/displayname", "{\"displayname\":\"Mallory\"}");
        assertThat(put.status()).isEqualTo(403);
        assertThat(put.errcode()).isEqualTo("M_FORBIDDEN");
        Reply delete = alice.delete(bobs + "/displayname");
        assertThat(delete.status()).isEqualTo(403);
        assertThat(delete.errcode()).isEqualTo("M_FORBIDDEN");
        assertThat(Http.method("PUT", server.baseUrl() + "/_matrix/client" + bobs + "/displayname",
                "{\"displayname\":\"x\"}").errcode()).isEqualTo("M_MISSING_TOKEN");
    }

    @Test
    void unknownAndRemoteUsersAreNotFound() {
        for (String user : new String[] {"@nobody:test.local", "@someone:elsewhere.example"}) {
            Reply profile = Http.get(server.baseUrl() + "/_matrix/client/v3/profile/" + UserClient.encode(user));
            assertThat(profile.status()).isEqualTo(404);
            assertThat(profile.errcode()).isEqualTo("M_NOT_FOUND");
            Reply field = Http.get(server.baseUrl() + "/_matrix/client/v3/profile/" + UserClient.encode(user) + "/displayname");
            assertThat(field.status()).isEqualTo(404);
            assertThat(field.errcode()).isEqualTo("M_NOT_FOUND");
        }
        Reply unset = Http.get(server.baseUrl() + "/_matrix/client/v3/profile/" + bob.pathId() + "/avatar_url");
        assertThat(unset.status()).isEqualTo(404);
        assertThat(unset.errcode()).isEqualTo("M_NOT_FOUND");
        assertThat(Http.get(server.baseUrl() + "/_matrix/client/v3/profile/not-a-user-id").errcode())
                .isEqualTo("M_INVALID_PARAM");
    }

    @Test
    void avatarUrlMustBeAnMxcUriAndTheEmptyStringRemovesIt() {
        String avatar = "/v3/profile/" + alice.pathId() + "/avatar_url";
        for (String bad : new String[] {"\"https://example.org/a.png\"", "\"mxc://test.local/\"", "\"mxc://test.local/a/b\"",
                "\"mxc://bad_host!/abc\"", "42", "null"}) {
            Reply r = alice.put(avatar, "{\"avatar_url\":" + bad + "}");
            assertThat(r.status()).as(bad).isEqualTo(400);
            assertThat(r.errcode()).as(bad).isEqualTo("M_BAD_JSON");
        }
        alice.put(avatar, "{\"avatar_url\":\"mxc://test.local/abc\"}");
        assertThat(alice.put(avatar, "{\"avatar_url\":\"\"}").status()).isEqualTo(200);
        assertThat(alice.get(avatar).status()).isEqualTo(404);
    }

    @Test
    void displayNameMustBeAStringAndTheBodyMustHoldTheKey() {
        String name = "/v3/profile/" + alice.pathId() + "/displayname";
        Reply number = alice.put(name, "{\"displayname\":7}");
        assertThat(number.status()).isEqualTo(400);
        assertThat(number.errcode()).isEqualTo("M_BAD_JSON");
        Reply missing = alice.put(name, "{\"avatar_url\":\"mxc://test.local/abc\"}");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.errcode()).isEqualTo("M_MISSING_PARAM");
        assertThat(alice.put(name, "{not json").errcode()).isEqualTo("M_NOT_JSON");
    }

    @Test
    void customFieldsMayBeNullWhichIsStoredNotDeleted() {
        String base = "/v3/profile/" + alice.pathId();
        assertThat(alice.put(base + "/org.example.nothing", "{\"org.example.nothing\":null}").status()).isEqualTo(200);
        Reply field = alice.get(base + "/org.example.nothing");
        assertThat(field.status()).isEqualTo(200);
        assertThat(field.json().get("org.example.nothing").isNull()).isTrue();
    }

    @Test
    void keyNamesFollowTheSpecPatternAndLength() {
        String base = "/v3/profile/" + alice.pathId();
        for (String bad : new String[] {"nodots", "Org.example.upper", "org..example", "org.example-dash", "1org.example"}) {
            Reply r = alice.put(base + "/" + bad, "{\"" + bad + "\":\"x\"}");
            assertThat(r.status()).as(bad).isEqualTo(400);
            assertThat(r.errcode()).as(bad).isEqualTo("M_INVALID_PARAM");
        }
        String longKey = "org.example." + "k".repeat(250);
        Reply tooLong = alice.put(base + "/" + longKey, "{\"" + longKey + "\":\"x\"}");
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.errcode()).isEqualTo("M_KEY_TOO_LARGE");
        Reply deleteBad = alice.delete(base + "/nodots");
        assertThat(deleteBad.errcode()).isEqualTo("M_INVALID_PARAM");
    }

    @Test
    void theWholeProfileMustStayUnder64KiB() {
        UserClient dave = UserClient.register(server, "dave");
        String base = "/v3/profile/" + dave.pathId();
        String big = "x".repeat(40 * 1024);
        assertThat(dave.put(base + "/org.example.one", "{\"org.example.one\":\"" + big + "\"}").status()).isEqualTo(200);
        Reply second = dave.put(base + "/org.example.two", "{\"org.example.two\":\"" + big + "\"}");
        assertThat(second.status()).isEqualTo(400);
        assertThat(second.errcode()).isEqualTo("M_PROFILE_TOO_LARGE");
        assertThat(dave.get(base).json().has("org.example.two")).isFalse();
        // Replacing a field is measured without its old value.
        assertThat(dave.put(base + "/org.example.one", "{\"org.example.one\":\"" + big + "y\"}").status()).isEqualTo(200);
        Reply whole = dave.put(base + "/org.example.one", "{\"org.example.one\":\"" + "z".repeat(64 * 1024) + "\"}");
        assertThat(whole.errcode()).isEqualTo("M_PROFILE_TOO_LARGE");
    }
}
