package dev.parley.http.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.core.json.Json;
import dev.parley.store.jdbc.Dialect;
import dev.parley.testing.Http.Reply;
import dev.parley.testing.TestServer;
import dev.parley.testing.UserClient;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Push rules through a real server: {@code /_matrix/client/v3/pushrules/...}. */
class PushRulesHttpTest {
    private static final String RULES = "/v3/pushrules/global/";
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(Dialect.SQLITE, yaml -> yaml.withObject("rate_limits").put("enabled", false));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void newUsersGetTheSpecsServerDefaultRules() throws Exception {
        UserClient alice = UserClient.register(server, "defaults");
        Reply all = alice.get("/v3/pushrules/");
        assertThat(all.status()).isEqualTo(200);
        JsonNode global = all.json().path("global");
        assertThat(ids(global.path("override"))).containsExactly(".m.rule.master", ".m.rule.suppress_notices",
                ".m.rule.invite_for_me", ".m.rule.member_event", ".m.rule.is_user_mention", ".m.rule.is_room_mention",
                ".m.rule.tombstone", ".m.rule.reaction", ".m.rule.room.server_acl", ".m.rule.suppress_edits");
        assertThat(ids(global.path("underride"))).containsExactly(".m.rule.call", ".m.rule.encrypted_room_one_to_one",
                ".m.rule.room_one_to_one", ".m.rule.message", ".m.rule.encrypted");
        for (String kind : List.of("content", "room", "sender")) {
            assertThat(global.path(kind).isArray()).as(kind).isTrue();
            assertThat(global.path(kind)).as(kind).isEmpty();
        }
        assertThat(alice.get("/v3/pushrules").json()).isEqualTo(all.json());
        assertThat(alice.get("/v3/pushrules/global/").json()).isEqualTo(global);
        assertThat(alice.get("/v3/pushrules/global").json()).isEqualTo(global);

        JsonNode master = global.path("override").get(0);
        assertThat(master).isEqualTo(Json.MAPPER.readTree("""
                {"rule_id":".m.rule.master","default":true,"enabled":false,"conditions":[],"actions":[]}"""));
        // The spec's "[the user's Matrix ID]" becomes the user's own ID.
        JsonNode invite = alice.get(RULES + "override/.m.rule.invite_for_me").json();
        assertThat(invite.path("conditions").get(2)).isEqualTo(Json.MAPPER.readTree(
                "{\"key\":\"state_key\",\"kind\":\"event_match\",\"pattern\":\"@defaults:test.local\"}"));
        JsonNode mention = alice.get(RULES + "override/.m.rule.is_user_mention").json();
        assertThat(mention.path("conditions").get(0).path("value").asText()).isEqualTo("@defaults:test.local");
        assertThat(mention.path("conditions").get(0).path("key").asText()).isEqualTo("content.m\\.mentions.user_ids");
        JsonNode message = alice.get(RULES + "underride/.m.rule.message").json();
        assertThat(message).isEqualTo(Json.MAPPER.readTree("""
                {"rule_id":".m.rule.message","default":true,"enabled":true,
                 "conditions":[{"kind":"event_match","key":"type","pattern":"m.room.message"}],"actions":["notify"]}"""));
    }

    @Test
    void userRulesArePlacedWithBeforeAndAfterAndRankAboveDefaults() {
        UserClient bob = UserClient.register(server, "ordering");
        String content = RULES + "content/";
        assertThat(bob.put(content + "cake", "{\"pattern\":\"cake\",\"actions\":[\"notify\"]}").json()).isEmpty();
        bob.put(content + "tea", "{\"pattern\":\"tea\",\"actions\":[\"notify\"]}");
        assertThat(contentIds(bob)).containsExactly("tea", "cake");

        bob.put(content + "lie?before=cake", "{\"pattern\":\"cake*lie\",\"actions\":[\"notify\"]}");
        assertThat(contentIds(bob)).containsExactly("tea", "lie", "cake");
        bob.put(content + "pie?after=cake", "{\"pattern\":\"pie\",\"actions\":[]}");
        assertThat(contentIds(bob)).containsExactly("tea", "lie", "cake", "pie");
        // With both, "before" decides.
        bob.put(content + "jam?after=pie&before=tea", "{\"pattern\":\"jam\",\"actions\":[]}");
        assertThat(contentIds(bob)).containsExactly("jam", "tea", "lie", "cake", "pie");
        // Updating keeps the place unless told otherwise, and can move it.
        bob.put(content + "tea", "{\"pattern\":\"green tea\",\"actions\":[]}");
        assertThat(contentIds(bob)).containsExactly("jam", "tea", "lie", "cake", "pie");
        assertThat(bob.get(content + "tea").json().path("pattern").asText()).isEqualTo("green tea");
        bob.put(content + "tea?after=pie", "{\"pattern\":\"tea\",\"actions\":[]}");
        assertThat(contentIds(bob)).containsExactly("jam", "lie", "cake", "pie", "tea");

        bob.put(RULES + "override/beer",
                "{\"conditions\":[{\"kind\":\"event_match\",\"key\":\"content.body\",\"pattern\":\"beer\"}],"
                        + "\"actions\":[\"notify\",{\"set_tweak\":\"sound\",\"value\":\"beeroclock.wav\"}]}");
        List<String> override = ids(bob.get(RULES).json().path("override"));
        assertThat(override.subList(0, 2)).containsExactly(".m.rule.master", "beer");
        bob.put(RULES + "underride/late", "{\"actions\":[\"notify\"]}");
        assertThat(ids(bob.get(RULES).json().path("underride")).getFirst()).isEqualTo("late");
        assertThat(bob.get(RULES + "underride/late").json().path("conditions").isArray()).isTrue();
    }

    @Test
    void userRulesHaveTheSpecShape() throws Exception {
        UserClient carol = UserClient.register(server, "shape");
        carol.put(RULES + "room/" + UserClient.encode("!dj234r78wl45Gh4D:matrix.org"), "{\"actions\":[]}");
        carol.put(RULES + "sender/" + UserClient.encode("@spambot:matrix.org"), "{\"actions\":[\"dont_notify\"]}");
        JsonNode room = carol.get(RULES + "room/" + UserClient.encode("!dj234r78wl45Gh4D:matrix.org")).json();
        assertThat(room).isEqualTo(Json.MAPPER.readTree(
                "{\"rule_id\":\"!dj234r78wl45Gh4D:matrix.org\",\"default\":false,\"enabled\":true,\"actions\":[]}"));
        // The historical dont_notify action is stripped, as the spec requires.
        assertThat(carol.get(RULES + "sender/" + UserClient.encode("@spambot:matrix.org") + "/actions").json())
                .isEqualTo(Json.MAPPER.readTree("{\"actions\":[]}"));
    }

    @Test
    void enabledAndActionsRoundTripForUserAndDefaultRules() throws Exception {
        UserClient dan = UserClient.register(server, "toggles");
        String master = RULES + "override/.m.rule.master";
        assertThat(dan.get(master + "/enabled").json()).isEqualTo(Json.MAPPER.readTree("{\"enabled\":false}"));
        assertThat(dan.put(master + "/enabled", "{\"enabled\":true}").json()).isEmpty();
        assertThat(dan.get(master + "/enabled").json().path("enabled").asBoolean()).isTrue();
        assertThat(dan.get(master).json().path("default").asBoolean()).isTrue();

        String message = RULES + "underride/.m.rule.message";
        assertThat(dan.put(message + "/actions", "{\"actions\":[\"notify\",{\"set_tweak\":\"highlight\"}]}").status())
                .isEqualTo(200);
        assertThat(dan.get(message + "/actions").json())
                .isEqualTo(Json.MAPPER.readTree("{\"actions\":[\"notify\",{\"set_tweak\":\"highlight\"}]}"));
        // Changing actions kept the enabled change and vice versa.
        dan.put(message + "/enabled", "{\"enabled\":false}");
        JsonNode changed = dan.get(message).json();
        assertThat(changed.path("enabled").asBoolean()).isFalse();
        assertThat(changed.path("actions").size()).isEqualTo(2);
        assertThat(dan.get(master + "/enabled").json().path("enabled").asBoolean()).isTrue();

        dan.put(RULES + "content/x", "{\"pattern\":\"x\",\"actions\":[\"notify\"]}");
        dan.put(RULES + "content/x/enabled", "{\"enabled\":false}");
        dan.put(RULES + "content/x/actions", "{\"actions\":[]}");
        JsonNode x = dan.get(RULES + "content/x").json();
        assertThat(x.path("enabled").asBoolean()).isFalse();
        assertThat(x.path("actions")).isEmpty();
        assertThat(x.path("pattern").asText()).isEqualTo("x");
    }

    @Test
    void serverDefaultRulesCannotBeDeletedOrRecreated() {
        UserClient eve = UserClient.register(server, "defaults-kept");
        Reply delete = eve.delete(RULES + "override/.m.rule.master");
        assertThat(delete.status()).isEqualTo(400);
        assertThat(delete.errcode()).isEqualTo("M_INVALID_PARAM");
        Reply put = eve.put(RULES + "override/.m.rule.master", "{\"actions\":[\"notify\"]}");
        assertThat(put.status()).isEqualTo(400);
        assertThat(put.errcode()).isEqualTo("M_INVALID_PARAM");
        Reply dotted = eve.put(RULES + "override/.mine", "{\"actions\":[]}");
        assertThat(dotted.errcode()).isEqualTo("M_INVALID_PARAM");
        Reply relative = eve.put(RULES + "override/mine?before=.m.rule.master", "{\"actions\":[]}");
        assertThat(relative.status()).isEqualTo(400);
        assertThat(relative.errcode()).isEqualTo("M_INVALID_PARAM");
        assertThat(eve.get(RULES + "override/.m.rule.master").status()).isEqualTo(200);
    }

    @Test
    void userRulesCanBeDeletedAndMissingRulesAreNotFound() {
        UserClient fay = UserClient.register(server, "deleting");
        fay.put(RULES + "content/gone", "{\"pattern\":\"gone\",\"actions\":[]}");
        assertThat(fay.delete(RULES + "content/gone").json()).isEmpty();
        for (Reply r : List.of(fay.get(RULES + "content/gone"), fay.delete(RULES + "content/gone"),
                fay.get(RULES + "content/gone/enabled"), fay.get(RULES + "content/gone/actions"),
                fay.put(RULES + "content/gone/enabled", "{\"enabled\":true}"),
                fay.put(RULES + "content/gone/actions", "{\"actions\":[]}"),
                // A default rule exists only under its own kind.
                fay.get(RULES + "underride/.m.rule.master"))) {
            assertThat(r.status()).isEqualTo(404);
            assertThat(r.errcode()).isEqualTo("M_NOT_FOUND");
        }
        Reply unknownAnchor = fay.put(RULES + "content/new?before=nope", "{\"pattern\":\"n\",\"actions\":[]}");
        assertThat(unknownAnchor.status()).isEqualTo(400);
        assertThat(unknownAnchor.errcode()).isEqualTo("M_UNKNOWN");
        assertThat(fay.get(RULES + "content/new").status()).isEqualTo(404);
    }

    @Test
    void badRulesAreRefused() {
        UserClient gil = UserClient.register(server, "refusals");
        assertThat(gil.put(RULES + "content/p", "{\"actions\":[]}").errcode()).isEqualTo("M_MISSING_PARAM");
        assertThat(gil.put(RULES + "override/a", "{\"conditions\":[]}").errcode()).isEqualTo("M_MISSING_PARAM");
        assertThat(gil.put(RULES + "override/a", "{\"actions\":[\"explode\"]}").errcode()).isEqualTo("M_BAD_JSON");
        assertThat(gil.put(RULES + "override/a", "{\"actions\":[{\"value\":1}]}").errcode()).isEqualTo("M_BAD_JSON");
        assertThat(gil.put(RULES + "override/a", "{\"actions\":\"notify\"}").errcode()).isEqualTo("M_BAD_JSON");
        assertThat(gil.put(RULES + "override/a", "{\"actions\":[],\"conditions\":[{\"key\":\"x\"}]}").errcode())
                .isEqualTo("M_BAD_JSON");
        assertThat(gil.put(RULES + "override/a%2Fb", "{\"actions\":[]}").errcode()).isEqualTo("M_INVALID_PARAM");
        assertThat(gil.put(RULES + "room/not-a-room", "{\"actions\":[]}").errcode()).isEqualTo("M_INVALID_PARAM");
        assertThat(gil.put(RULES + "sender/not-a-user", "{\"actions\":[]}").errcode()).isEqualTo("M_INVALID_PARAM");
        assertThat(gil.put(RULES + "override/.m.rule.master/enabled", "{}").errcode()).isEqualTo("M_MISSING_PARAM");
        assertThat(gil.put(RULES + "override/.m.rule.master/actions", "{}").errcode()).isEqualTo("M_MISSING_PARAM");
        Reply kind = gil.get(RULES + "everything/a");
        assertThat(kind.status()).isEqualTo(404);
        assertThat(kind.errcode()).isEqualTo("M_UNRECOGNIZED");
        assertThat(ids(gil.get(RULES).json().path("override"))).doesNotContain("a");
    }

    @Test
    void everyEndpointNeedsAnAccessToken() {
        Reply r = dev.parley.testing.Http.get(server.baseUrl() + "/_matrix/client/v3/pushrules/");
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.errcode()).isEqualTo("M_MISSING_TOKEN");
    }

    private static List<String> contentIds(UserClient user) {
        return ids(user.get(RULES).json().path("content"));
    }

    private static List<String> ids(JsonNode rules) {
        List<String> ids = new ArrayList<>();
        rules.forEach(rule -> ids.add(rule.path("rule_id").asText()));
        return ids;
    }
}
