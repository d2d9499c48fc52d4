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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code /sync} through a real server, for two and three users, on SQLite and PostgreSQL. */
class SyncHttpTest extends DialectServerTest {
    SyncHttpTest() {
        super(2); // alice and bob
    }

    @Test
    void initialSyncHasTheTimelineStateAndSummary() {
        String room = createRoom(alice, "{\"name\":\"Tea\"}");
        sendText(alice, room, "t1", "one");
        sendText(alice, room, "t2", "two");
        JsonNode full = sync(alice, null, "");
        JsonNode section = full.path("rooms").path("join").path(room);
        assertThat(timelineBodies(full, room)).containsExactly("one", "two");
        assertThat(section.path("timeline").path("limited").asBoolean()).isFalse();
        assertThat(section.path("summary").path("m.joined_member_count").asInt()).isEqualTo(1);
        assertThat(full.path("next_batch").asText()).startsWith("s");

        JsonNode limited = sync(alice, null, "filter=" + enc("{\"room\":{\"timeline\":{\"limit\":2}}}"));
        JsonNode small = limited.path("rooms").path("join").path(room);
        assertThat(small.path("timeline").path("events")).hasSize(2);
        assertThat(small.path("timeline").path("limited").asBoolean()).isTrue();
        assertThat(small.path("timeline").path("prev_batch").asText()).isNotEmpty();
        List<String> stateTypes = new ArrayList<>();
        small.path("state").path("events").forEach(e -> stateTypes.add(e.path("type").asText()));
        assertThat(stateTypes).contains("m.room.create", "m.room.member", "m.room.power_levels", "m.room.name");
    }

    @Test
    void invitesJoinsMessagesAndLeavesArriveExactlyOnceInOrder() {
        String room = createRoom(alice, "{\"name\":\"Chat\"}");
        String aliceToken = sync(alice, null, "").path("next_batch").asText();
        String bobToken = sync(bob, null, "").path("next_batch").asText();
        Http.call("POST", url("/rooms/" + enc(room) + "/invite"), alice.accessToken(), "{\"user_id\":\"" + bob.userId() + "\"}");

        JsonNode bobInvite = sync(bob, bobToken, "");
        JsonNode inviteState = bobInvite.path("rooms").path("invite").path(room).path("invite_state").path("events");
        List<String> types = new ArrayList<>();
        inviteState.forEach(e -> types.add(e.path("type").asText()));
        assertThat(types).contains("m.room.create", "m.room.name", "m.room.member", "m.room.join_rules");
        bobToken = bobInvite.path("next_batch").asText();

        Http.call("POST", url("/join/" + enc(room)), bob.accessToken(), "{}");
        JsonNode bobJoined = sync(bob, bobToken, "");
        assertThat(bobJoined.path("rooms").path("join").has(room)).isTrue();
        assertThat(bobJoined.path("rooms").path("invite").has(room)).isFalse();
        bobToken = bobJoined.path("next_batch").asText();

        sendText(alice, room, "a1", "hello bob");
        sendText(bob, room, "b1", "hi alice");
        sendText(alice, room, "a2", "how are you");
        JsonNode aliceSees = sync(alice, aliceToken, "");
        assertThat(timelineBodies(aliceSees, room)).containsExactly("hello bob", "hi alice", "how are you");
        JsonNode bobSees = sync(bob, bobToken, "");
        assertThat(timelineBodies(bobSees, room)).containsExactly("hello bob", "hi alice", "how are you");
        // Nothing is delivered twice.
        JsonNode again = sync(alice, aliceSees.path("next_batch").asText(), "");
        assertThat(again.path("rooms").path("join").has(room)).isFalse();

        Http.call("POST", url("/rooms/" + enc(room) + "/leave"), bob.accessToken(), "{}");
        JsonNode bobLeft = sync(bob, bobSees.path("next_batch").asText(), "");
        assertThat(bobLeft.path("rooms").path("leave").has(room)).isTrue();
        assertThat(bobLeft.path("rooms").path("join").has(room)).isFalse();
        JsonNode lastEvent = bobLeft.path("rooms").path("leave").path(room).path("timeline").path("events");
        assertThat(lastEvent.get(lastEvent.size() - 1).path("content").path("membership").asText()).isEqualTo("leave");
    }

    @Test
    void threeUsersSeeTheSameConversationInTheSameOrder() {
        User carol = TestUsers.register(server, "carol", "pw");
        String room = createRoom(alice, "{\"preset\":\"public_chat\"}");
        Http.call("POST", url("/join/" + enc(room)), bob.accessToken(), "{}");
        Http.call("POST", url("/join/" + enc(room)), carol.accessToken(), "{}");
        List<String> tokens = new ArrayList<>();
        for (User u : List.of(alice, bob, carol)) {
            tokens.add(sync(u, null, "").path("next_batch").asText());
        }
        List<String> expected = new ArrayList<>();
        User[] speakers = {alice, bob, carol};
        for (int i = 0; i < 12; i++) {
            sendText(speakers[i % 3], room, "m" + i, "message " + i);
            expected.add("message " + i);
        }
        int u = 0;
        for (User user : speakers) {
            JsonNode delta = sync(user, tokens.get(u++), "filter=" + enc("{\"room\":{\"timeline\":{\"limit\":50}}}"));
            assertThat(timelineBodies(delta, room)).as(user.userId()).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void longPollsWakeWhenSomethingHappensAndTimeOutOtherwise() throws Exception {
        String room = createRoom(alice, "{\"preset\":\"public_chat\"}");
        Http.call("POST", url("/join/" + enc(room)), bob.accessToken(), "{}");
        String bobToken = sync(bob, null, "").path("next_batch").asText();

        long quietStart = System.nanoTime();
        JsonNode quiet = sync(bob, bobToken, "timeout=400");
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - quietStart)).isGreaterThanOrEqualTo(350);
        assertThat(quiet.path("rooms").path("join").has(room)).isFalse();

        long start = System.nanoTime();
        CompletableFuture<JsonNode> waiting = CompletableFuture.supplyAsync(() -> sync(bob, bobToken, "timeout=20000"));
        Thread.sleep(500);
        sendText(alice, room, "lp", "wake up");
        JsonNode woken = waiting.get(15, TimeUnit.SECONDS);
        long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(timelineBodies(woken, room)).containsExactly("wake up");
        assertThat(elapsed).as("woken by the message, not by the 20 s timeout").isLessThan(10_000);

        // An invite wakes a user who is not in the room yet.
        User carol = TestUsers.register(server, "carol", "pw");
        String carolToken = sync(carol, null, "").path("next_batch").asText();
        CompletableFuture<JsonNode> invited = CompletableFuture.supplyAsync(() -> sync(carol, carolToken, "timeout=20000"));
        Thread.sleep(300);
        Http.call("POST", url("/rooms/" + enc(room) + "/invite"), alice.accessToken(), "{\"user_id\":\"" + carol.userId() + "\"}");
        assertThat(invited.get(15, TimeUnit.SECONDS).path("rooms").path("invite").has(room)).isTrue();
    }

    @Test
    void accountDataArrivesGlobalAndPerRoom() {
        String room = createRoom(alice, "{}");
        String token = sync(alice, null, "").path("next_batch").asText();
        Http.call("PUT", url("/user/" + enc(alice.userId()) + "/account_data/org.example.settings"), alice.accessToken(), "{\"theme\":\"dark\"}");
        Http.call("PUT", url("/user/" + enc(alice.userId()) + "/rooms/" + enc(room) + "/account_data/org.example.tag"),
                alice.accessToken(), "{\"pinned\":true}");
        JsonNode delta = sync(alice, token, "");
        assertThat(delta.path("account_data").path("events").findValuesAsText("type")).contains("org.example.settings");
        JsonNode roomData = delta.path("rooms").path("join").path(room).path("account_data").path("events");
        assertThat(roomData.get(0).path("content").path("pinned").asBoolean()).isTrue();
        JsonNode after = sync(alice, delta.path("next_batch").asText(), "");
        assertThat(after.path("account_data").path("events")).isEmpty();
    }

    @Test
    void redactedEventsArrivePrunedWithTheirRedaction() {
        String room = createRoom(alice, "{}");
        String token = sync(alice, null, "").path("next_batch").asText();
        String secret = sendText(alice, room, "s1", "oops, a password");
        Reply redaction = Http.call("PUT", url("/rooms/" + enc(room) + "/redact/" + enc(secret) + "/r1"), alice.accessToken(),
                "{\"reason\":\"typo\"}");
        assertThat(redaction.status()).as(redaction.body()).isEqualTo(200);
        JsonNode timeline = sync(alice, token, "").path("rooms").path("join").path(room).path("timeline").path("events");
        JsonNode redacted = timeline.get(0);
        assertThat(redacted.path("event_id").asText()).isEqualTo(secret);
        assertThat(redacted.path("content").isEmpty()).isTrue();
        assertThat(redacted.path("unsigned").path("redacted_because").path("content").path("reason").asText()).isEqualTo("typo");
    }

    @Test
    void tokensStayValidAcrossARestart() {
        String room = createRoom(alice, "{}");
        sendText(alice, room, "t1", "before restart");
        String token = sync(alice, null, "").path("next_batch").asText();
        server.restart();
        sendText(alice, room, "t2", "after restart");
        JsonNode delta = sync(alice, token, "");
        assertThat(timelineBodies(delta, room)).containsExactly("after restart");
    }

    @Test
    void badTokensAndFiltersAreRefused() {
        assertThat(Http.get(url("/sync?since=garbage"), alice.accessToken()).errcode()).isEqualTo("M_INVALID_PARAM");
        assertThat(Http.get(url("/sync?filter=" + enc("{nope")), alice.accessToken()).errcode()).isEqualTo("M_NOT_JSON");
        assertThat(Http.get(url("/sync?timeout=soon"), alice.accessToken()).errcode()).isEqualTo("M_INVALID_PARAM");
        assertThat(Http.get(url("/sync?filter=12345"), alice.accessToken()).status()).isEqualTo(404);
        String filterId = Http.call("POST", url("/user/" + enc(alice.userId()) + "/filter"), alice.accessToken(),
                "{\"room\":{\"timeline\":{\"limit\":1}}}").json().path("filter_id").asText();
        String room = createRoom(alice, "{}");
        sendText(alice, room, "x", "last");
        JsonNode filtered = sync(alice, null, "filter=" + filterId);
        assertThat(filtered.path("rooms").path("join").path(room).path("timeline").path("events")).hasSize(1);
    }

    @Test
    void aStoppingServerAnswersParkedLongPollsAtOnce() throws Exception {
        String token = sync(alice, null, "").path("next_batch").asText();
        CompletableFuture<Reply> parked = CompletableFuture.supplyAsync(() ->
                Http.get(url("/sync?since=" + enc(token) + "&timeout=60000"), alice.accessToken()));
        Thread.sleep(500);
        long start = System.nanoTime();
        server.restart();
        assertThat(parked.get(15, TimeUnit.SECONDS).status()).isEqualTo(200);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).as("no wait for the 60 s timeout").isLessThan(8_000);
    }
}
