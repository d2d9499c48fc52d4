package dev.parley.http.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.json.Json;
import dev.parley.store.jdbc.Dialect;
import dev.parley.testing.Http.Reply;
import dev.parley.testing.TestServer;
import dev.parley.testing.UserClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Account data, filters and the 3PID list through a real server. */
class AccountDataHttpTest {
    private static final String ROOM = UserClient.encode("!room:test.local");
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

    private static String global(UserClient owner, String type) {
        return "/v3/user/" + owner.pathId() + "/account_data/" + type;
    }

    private static String perRoom(UserClient owner, String type) {
        return "/v3/user/" + owner.pathId() + "/rooms/" + ROOM + "/account_data/" + type;
    }

    @Test
    void globalAndRoomAccountDataRoundTripSeparately() throws Exception {
        assertThat(alice.put(global(alice, "org.example.settings"), "{\"theme\":\"dark\",\"size\":[1,2]}").json()).isEmpty();
        assertThat(alice.put(perRoom(alice, "org.example.settings"), "{\"theme\":\"light\"}").status()).isEqualTo(200);
        assertThat(alice.get(global(alice, "org.example.settings")).json())
                .isEqualTo(Json.MAPPER.readTree("{\"theme\":\"dark\",\"size\":[1,2]}"));
        assertThat(alice.get(perRoom(alice, "org.example.settings")).json())
                .isEqualTo(Json.MAPPER.readTree("{\"theme\":\"light\"}"));
        alice.put(global(alice, "org.example.settings"), "{}");
        assertThat(alice.get(global(alice, "org.example.settings")).json()).isEmpty();
    }

    @Test
    void absentAccountDataIsNotFound() {
        for (Reply r : new Reply[] {alice.get(global(alice, "org.example.never")), alice.get(perRoom(alice, "org.example.never"))}) {
            assertThat(r.status()).isEqualTo(404);
            assertThat(r.errcode()).isEqualTo("M_NOT_FOUND");
        }
        // Room data does not fall back to global data of the same type.
        alice.put(global(alice, "org.example.only_global"), "{\"a\":1}");
        assertThat(alice.get(perRoom(alice, "org.example.only_global")).status()).isEqualTo(404);
    }

    @Test
    void otherUsersAccountDataIsForbidden() {
        bob.put(global(bob, "org.example.secret"), "{\"pin\":1234}");
        for (Reply r : new Reply[] {alice.get(global(bob, "org.example.secret")),
                alice.put(global(bob, "org.example.secret"), "{}"), alice.get(perRoom(bob, "x")),
                alice.put(perRoom(bob, "x"), "{}")}) {
            assertThat(r.status()).isEqualTo(403);
            assertThat(r.errcode()).isEqualTo("M_FORBIDDEN");
        }
        assertThat(bob.get(global(bob, "org.example.secret")).json().path("pin").asInt()).isEqualTo(1234);
    }

    @Test
    void serverManagedTypesCannotBeSetButCanBeRead() {
        for (String path : new String[] {global(alice, "m.fully_read"), perRoom(alice, "m.fully_read"),
                global(alice, "m.push_rules"), perRoom(alice, "m.push_rules")}) {
            Reply r = alice.put(path, "{\"event_id\":\"$x\"}");
            assertThat(r.status()).as(path).isEqualTo(405);
            assertThat(r.errcode()).as(path).isEqualTo("M_BAD_JSON");
        }
        Reply rules = alice.get(global(alice, "m.push_rules"));
        assertThat(rules.status()).isEqualTo(200);
        assertThat(rules.json().path("global").path("override").get(0).path("rule_id").asText())
                .isEqualTo(".m.rule.master");
        assertThat(rules.json()).isEqualTo(alice.get("/v3/pushrules/").json());
    }

    @Test
    void badBodiesAndRoomIdsAreRefused() {
        assertThat(alice.put(global(alice, "org.example.x"), "[1,2]").errcode()).isEqualTo("M_BAD_JSON");
        assertThat(alice.put(global(alice, "org.example.x"), "{nope").errcode()).isEqualTo("M_NOT_JSON");
        String badRoom = "/v3/user/" + alice.pathId() + "/rooms/" + UserClient.encode("@notaroomid:test.local")
                + "/account_data/org.example.x";
        Reply put = alice.put(badRoom, "{}");
        assertThat(put.status()).isEqualTo(400);
        assertThat(put.errcode()).isEqualTo("M_INVALID_PARAM");
        assertThat(alice.get(badRoom).errcode()).isEqualTo("M_INVALID_PARAM");
    }

    @Test
    void filtersRoundTripAndGetIds() throws Exception {
        String filter = """
                {"room":{"state":{"types":["m.room.*"],"not_rooms":["!726s6s6q:example.com"],"lazy_load_members":true},
                 "timeline":{"limit":10,"types":["m.room.message"]},"ephemeral":{"types":["m.receipt","m.typing"]},
                 "include_leave":false},
                 "presence":{"types":["m.presence"],"not_senders":["@alice:example.com"]},
                 "event_format":"client","event_fields":["type","content","sender"],"org.example.extra":1}""";
        Reply defined = alice.post("/v3/user/" + alice.pathId() + "/filter", filter);
        assertThat(defined.status()).isEqualTo(200);
        String id = defined.json().path("filter_id").asText();
        assertThat(id).isNotEmpty().doesNotStartWith("{");
        assertThat(alice.get("/v3/user/" + alice.pathId() + "/filter/" + id).json()).isEqualTo(Json.MAPPER.readTree(filter));
        // Clients upload the same filter at every start; it keeps its ID.
        assertThat(alice.post("/v3/user/" + alice.pathId() + "/filter", filter).json().path("filter_id").asText()).isEqualTo(id);
        String other = alice.post("/v3/user/" + alice.pathId() + "/filter", "{}").json().path("filter_id").asText();
        assertThat(other).isNotEqualTo(id);
    }

    @Test
    void unknownFiltersAreNotFoundAndOtherUsersFiltersForbidden() {
        String id = bob.post("/v3/user/" + bob.pathId() + "/filter", "{}").json().path("filter_id").asText();
        for (String unknown : new String[] {"999", "abc", "{\"room\":{}}"}) {
            Reply r = alice.get("/v3/user/" + alice.pathId() + "/filter/" + UserClient.encode(unknown));
            assertThat(r.status()).as(unknown).isEqualTo(404);
            assertThat(r.errcode()).as(unknown).isEqualTo("M_NOT_FOUND");
        }
        assertThat(alice.get("/v3/user/" + bob.pathId() + "/filter/" + id).errcode()).isEqualTo("M_FORBIDDEN");
        assertThat(alice.post("/v3/user/" + bob.pathId() + "/filter", "{}").errcode()).isEqualTo("M_FORBIDDEN");
    }

    @Test
    void misshapenFiltersAreRefused() {
        String path = "/v3/user/" + alice.pathId() + "/filter";
        for (String bad : new String[] {"{\"event_format\":\"xml\"}", "{\"event_fields\":\"type\"}",
                "{\"room\":[]}", "{\"room\":{\"timeline\":{\"limit\":\"ten\"}}}", "{\"room\":{\"timeline\":{\"limit\":1.5}}}",
                "{\"room\":{\"rooms\":[1]}}", "{\"presence\":{\"senders\":[null]}}",
                "{\"room\":{\"state\":{\"lazy_load_members\":\"yes\"}}}", "{\"room\":{\"include_leave\":1}}"}) {
            Reply r = alice.post(path, bad);
            assertThat(r.status()).as(bad).isEqualTo(400);
            assertThat(r.errcode()).as(bad).isEqualTo("M_BAD_JSON");
        }
    }

    @Test
    void theThirdPartyIdListIsEmpty() throws Exception {
        Reply r = alice.get("/v3/account/3pid");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json()).isEqualTo(Json.MAPPER.readTree("{\"threepids\":[]}"));
        assertThat(dev.parley.testing.Http.get(server.baseUrl() + "/_matrix/client/v3/account/3pid").errcode())
                .isEqualTo("M_MISSING_TOKEN");
    }
}
