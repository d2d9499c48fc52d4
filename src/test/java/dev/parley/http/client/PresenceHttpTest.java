package dev.parley.http.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.testing.DialectServerTest;
import dev.parley.testing.Http;
import dev.parley.testing.Http.Reply;
import dev.parley.testing.TestUsers;
import dev.parley.testing.TestUsers.User;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Presence through a real server: the status endpoints, {@code set_presence}, idling, and {@code /sync}. */
class PresenceHttpTest extends DialectServerTest {
    private String room;

    PresenceHttpTest() {
        super(3); // alice, bob and carol
    }

    /** Each test starts the server itself, with its own presence settings. */
    @Override
    protected boolean startsBeforeEachTest() {
        return false;
    }

    /** Alice and Bob share a room; Carol shares none. */
    private void start(Consumer<ObjectNode> presenceConfig) {
        startServer(yaml -> presenceConfig.accept(yaml.withObject("presence")));
        room = calls.createRoom(alice, "{\"preset\":\"public_chat\"}");
        calls.join(bob, room);
    }

    private Reply put(User user, String target, String body) {
        return Http.call("PUT", url("/presence/" + enc(target) + "/status"), user.accessToken(), body);
    }

    private Reply get(User user, String target) {
        return Http.get(url("/presence/" + enc(target) + "/status"), user.accessToken());
    }

    /** The presence events about {@code userId} in a sync response. */
    private static List<JsonNode> presenceOf(JsonNode sync, String userId) {
        List<JsonNode> out = new ArrayList<>();
        sync.path("presence").path("events").forEach(e -> {
            if (e.path("sender").asText().equals(userId)) {
                assertThat(e.path("type").asText()).isEqualTo("m.presence");
                out.add(e.path("content"));
            }
        });
        return out;
    }

    @Test
    void statusIsSetByItsUserAndReadByThoseSharingARoom() {
        start(p -> { });
        Reply set = put(alice, alice.userId(), "{\"presence\":\"online\",\"status_msg\":\"Making tea\"}");
        assertThat(set.status()).as(set.body()).isEqualTo(200);
        assertThat(set.json().isEmpty()).isTrue();
        for (User reader : List.of(alice, bob)) {
            JsonNode status = get(reader, alice.userId()).json();
            assertThat(status.path("presence").asText()).isEqualTo("online");
            assertThat(status.path("status_msg").asText()).isEqualTo("Making tea");
            assertThat(status.path("currently_active").asBoolean()).isTrue();
            assertThat(status.path("last_active_ago").asLong()).isBetween(0L, 10_000L);
        }
        Reply stranger = get(carol, alice.userId());
        assertThat(stranger.status()).isEqualTo(403);
        assertThat(stranger.errcode()).isEqualTo("M_FORBIDDEN");
        assertThat(get(alice, "@nobody:test.local").errcode()).isEqualTo("M_NOT_FOUND");
        assertThat(put(bob, alice.userId(), "{\"presence\":\"offline\"}").errcode()).isEqualTo("M_FORBIDDEN");
        assertThat(put(alice, alice.userId(), "{\"presence\":\"away\"}").errcode()).isEqualTo("M_INVALID_PARAM");
        assertThat(put(alice, alice.userId(), "{}").errcode()).isEqualTo("M_MISSING_PARAM");
        assertThat(put(alice, alice.userId(), "{\"presence\":\"online\",\"status_msg\":3}").errcode()).isEqualTo("M_BAD_JSON");

        assertThat(put(alice, alice.userId(), "{\"presence\":\"unavailable\"}").status()).isEqualTo(200);
        JsonNode away = get(bob, alice.userId()).json();
        assertThat(away.path("presence").asText()).isEqualTo("unavailable");
        assertThat(away.has("status_msg")).as("replaced by a PUT without one").isFalse();
        assertThat(away.has("currently_active")).isFalse();
    }

    @Test
    void changesReachThoseSharingARoomThroughSyncAndWakeTheirLongPolls() throws Exception {
        start(p -> { });
        String bobToken = sync(bob, null, "").path("next_batch").asText();
        String carolToken = sync(carol, null, "").path("next_batch").asText();
        CompletableFuture<JsonNode> bobWaiting = CompletableFuture.supplyAsync(() -> sync(bob, bobToken, "timeout=20000"));
        Thread.sleep(300);
        long start = System.nanoTime();
        put(alice, alice.userId(), "{\"presence\":\"unavailable\",\"status_msg\":\"Lunch\"}");
        JsonNode bobSees = bobWaiting.get(15, TimeUnit.SECONDS);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(10_000);
        List<JsonNode> aboutAlice = presenceOf(bobSees, alice.userId());
        assertThat(aboutAlice).hasSize(1);
        assertThat(aboutAlice.getFirst().path("presence").asText()).isEqualTo("unavailable");
        assertThat(aboutAlice.getFirst().path("status_msg").asText()).isEqualTo("Lunch");
        assertThat(aboutAlice.getFirst().has("last_active_ago")).isTrue();

        JsonNode again = sync(bob, bobSees.path("next_batch").asText(), "");
        assertThat(presenceOf(again, alice.userId())).as("delivered once").isEmpty();
        JsonNode carolSees = sync(carol, carolToken, "");
        assertThat(presenceOf(carolSees, alice.userId())).as("Carol shares no room with Alice").isEmpty();

        // Carol joins: her first sync of the room brings its members' presence.
        Http.call("POST", url("/join/" + enc(room)), carol.accessToken(), "{}");
        JsonNode joined = sync(carol, carolSees.path("next_batch").asText(), "");
        assertThat(presenceOf(joined, alice.userId())).singleElement()
                .satisfies(p -> assertThat(p.path("status_msg").asText()).isEqualTo("Lunch"));

        // A filter can turn presence off.
        put(alice, alice.userId(), "{\"presence\":\"online\"}");
        JsonNode filtered = sync(bob, again.path("next_batch").asText(),
                "filter=" + enc("{\"presence\":{\"not_types\":[\"*\"]}}"));
        assertThat(filtered.path("presence").path("events")).isEmpty();
    }

    @Test
    void syncSetsPresenceUnlessAskedNotTo() {
        start(p -> { });
        User dave = TestUsers.register(server, "dave", "pw");
        Http.call("POST", url("/join/" + enc(room)), dave.accessToken(), "{}");
        put(dave, dave.userId(), "{\"presence\":\"offline\"}");
        sync(dave, null, "set_presence=offline");
        assertThat(get(alice, dave.userId()).json().path("presence").asText()).isEqualTo("offline");
        sync(dave, null, "set_presence=unavailable");
        assertThat(get(alice, dave.userId()).json().path("presence").asText()).isEqualTo("unavailable");
        put(dave, dave.userId(), "{\"presence\":\"offline\"}");
        sync(dave, null, "");
        assertThat(get(alice, dave.userId()).json().path("presence").asText()).isEqualTo("online");
        assertThat(Http.get(url("/sync?set_presence=busy"), dave.accessToken()).errcode()).isEqualTo("M_INVALID_PARAM");
    }

    @Test
    void idleUsersBecomeUnavailableAndActivityBringsThemBack() throws Exception {
        start(p -> p.put("idle_timeout_ms", 1500).put("offline_timeout_ms", 600_000));
        put(alice, alice.userId(), "{\"presence\":\"online\"}");
        String bobToken = sync(bob, null, "").path("next_batch").asText();
        // Bob's long-polls are woken as Alice stops being currently active, then goes idle.
        String token = bobToken;
        String seen = "";
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!seen.equals("unavailable") && System.nanoTime() < deadline) {
            JsonNode delta = sync(bob, token, "timeout=10000");
            token = delta.path("next_batch").asText();
            for (JsonNode p : presenceOf(delta, alice.userId())) {
                seen = p.path("presence").asText();
            }
        }
        assertThat(seen).isEqualTo("unavailable");
        assertThat(get(bob, alice.userId()).json().path("last_active_ago").asLong()).isGreaterThanOrEqualTo(1500);

        // Sending a message is activity: online again.
        Http.call("PUT", url("/rooms/" + enc(room) + "/send/m.room.message/t1"), alice.accessToken(),
                "{\"msgtype\":\"m.text\",\"body\":\"back\"}");
        JsonNode back = get(bob, alice.userId()).json();
        assertThat(back.path("presence").asText()).isEqualTo("online");
        assertThat(back.path("currently_active").asBoolean()).isTrue();
        JsonNode delta = sync(bob, token, "");
        assertThat(presenceOf(delta, alice.userId())).last()
                .satisfies(p -> assertThat(p.path("presence").asText()).isEqualTo("online"));
    }

    @Test
    void usersWhoStopSyncingGoOffline() throws Exception {
        start(p -> p.put("offline_timeout_ms", 800));
        sync(carol, null, "");
        assertThat(get(carol, carol.userId()).json().path("presence").asText()).isEqualTo("online");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        String state = "online";
        while (!state.equals("offline") && System.nanoTime() < deadline) {
            Thread.sleep(50);
            state = get(carol, carol.userId()).json().path("presence").asText();
        }
        assertThat(state).isEqualTo("offline");
    }

    @Test
    void presenceSurvivesARestart() {
        start(p -> { });
        put(alice, alice.userId(), "{\"presence\":\"unavailable\",\"status_msg\":\"Away\"}");
        String bobToken = sync(bob, null, "").path("next_batch").asText();
        server.restart();
        assertThat(get(bob, alice.userId()).json().path("status_msg").asText()).isEqualTo("Away");
        put(alice, alice.userId(), "{\"presence\":\"online\",\"status_msg\":\"Back\"}");
        JsonNode delta = sync(bob, bobToken, "");
        assertThat(presenceOf(delta, alice.userId())).last()
                .satisfies(p -> assertThat(p.path("status_msg").asText()).isEqualTo("Back"));
    }

    @Test
    void whenPresenceIsOffTheEndpointsAnswerButNothingIsSent() {
        start(p -> p.put("enabled", false));
        String bobToken = sync(bob, null, "").path("next_batch").asText();
        assertThat(put(alice, alice.userId(), "{\"presence\":\"online\",\"status_msg\":\"hi\"}").status()).isEqualTo(200);
        JsonNode status = get(bob, alice.userId()).json();
        assertThat(status.path("presence").asText()).isEqualTo("offline");
        assertThat(status.has("status_msg")).isFalse();
        assertThat(sync(bob, bobToken, "").path("presence").path("events")).isEmpty();
        assertThat(sync(alice, null, "").path("presence").path("events")).isEmpty();
        assertThat(put(bob, alice.userId(), "{\"presence\":\"online\"}").errcode()).isEqualTo("M_FORBIDDEN");
    }
}
