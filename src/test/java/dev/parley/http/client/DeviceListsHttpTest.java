package dev.parley.http.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.json.Json;
import dev.parley.testing.DialectServerTest;
import dev.parley.testing.Http;
import dev.parley.testing.Http.Reply;
import dev.parley.testing.RoomCalls;
import dev.parley.testing.TestUsers;
import dev.parley.testing.TestUsers.User;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Device-list tracking: {@code device_lists} in {@code /sync} and {@code /keys/changes}. */
class DeviceListsHttpTest extends DialectServerTest {
    private String room;

    DeviceListsHttpTest() {
        super(2); // alice and bob
    }

    @BeforeEach
    void start() {
        room = calls.createRoom(alice, "{\"preset\":\"public_chat\"}");
        calls.join(bob, room);
    }

    private JsonNode sync(User user, String since, int timeoutMs) {
        Reply r = Http.get(calls.v3("/sync?timeout=" + timeoutMs + (since == null ? "" : "&since=" + enc(since))),
                user.accessToken());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    private static List<String> list(JsonNode sync, String which) {
        List<String> out = new ArrayList<>();
        sync.path("device_lists").path(which).forEach(id -> out.add(id.asText()));
        return out;
    }

    private void uploadDeviceKeys(User user) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.set("device_keys", KeyFixtures.deviceKeys(user.userId(), user.deviceId(),
                KeyFixtures.deviceKey(user.deviceId())));
        Reply r = Http.call("POST", calls.v3("/keys/upload"), user.accessToken(), body.toString());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    @Test
    void aKeyUploadWakesALongPollOfEveryoneSharingARoom() throws Exception {
        String since = sync(bob, null, 0).path("next_batch").asText();
        CompletableFuture<JsonNode> poll = CompletableFuture.supplyAsync(() -> sync(bob, since, 20_000));
        Thread.sleep(300);
        uploadDeviceKeys(alice);
        JsonNode woken = poll.get(10, TimeUnit.SECONDS);
        assertThat(list(woken, "changed")).contains(alice.userId());

        Reply changes = Http.get(calls.v3("/keys/changes?from=" + enc(since) + "&to="
                + RoomCalls.enc(woken.path("next_batch").asText())), bob.accessToken());
        assertThat(changes.status()).as(changes.body()).isEqualTo(200);
        assertThat(changes.json().path("changed").toString()).contains(alice.userId());
        // Nothing new since: the next incremental sync reports nothing.
        assertThat(list(sync(bob, woken.path("next_batch").asText(), 0), "changed")).isEmpty();
    }

    @Test
    void strangersDoNotSeeTheChangeButTheUserTheirOtherDevicesDo() {
        User carol = TestUsers.register(server, "carol", "pw");
        String carolSince = sync(carol, null, 0).path("next_batch").asText();
        String aliceSince = sync(alice, null, 0).path("next_batch").asText();
        uploadDeviceKeys(bob);
        assertThat(list(sync(carol, carolSince, 0), "changed")).doesNotContain(bob.userId());
        assertThat(list(sync(alice, aliceSince, 0), "changed")).contains(bob.userId());
    }

    @Test
    void deletingADeviceIsAChange() {
        JsonNode login = TestUsers.login(server, "alice", "pw", "\"device_id\":\"LAPTOP\"").json();
        String since = sync(bob, null, 0).path("next_batch").asText();
        Reply logout = Http.call("POST", calls.v3("/logout"), login.path("access_token").asText(), "{}");
        assertThat(logout.status()).isEqualTo(200);
        assertThat(list(sync(bob, since, 0), "changed")).contains(alice.userId());
    }

    @Test
    void joiningIsAChangeAndLeavingTheLastSharedRoomIsLeft() {
        User carol = TestUsers.register(server, "carol", "pw");
        String since = sync(alice, null, 0).path("next_batch").asText();
        calls.join(carol, room);
        JsonNode afterJoin = sync(alice, since, 0);
        assertThat(list(afterJoin, "changed")).contains(carol.userId());

        String next = afterJoin.path("next_batch").asText();
        calls.leave(carol, room);
        JsonNode afterLeave = sync(alice, next, 0);
        assertThat(list(afterLeave, "left")).contains(carol.userId());
        assertThat(list(afterLeave, "changed")).doesNotContain(carol.userId());
    }

    @Test
    void joiningARoomMakesItsMembersChangedForTheJoiner() {
        User carol = TestUsers.register(server, "carol", "pw");
        String since = sync(carol, null, 0).path("next_batch").asText();
        calls.join(carol, room);
        assertThat(list(sync(carol, since, 0), "changed")).contains(alice.userId(), bob.userId());
    }

    @Test
    void aStrangersMembershipInAnUnrelatedRoomIsNotReported() {
        User carol = TestUsers.register(server, "carol", "pw");
        String since = sync(alice, null, 0).path("next_batch").asText();
        String elsewhere = calls.createRoom(carol, "{\"preset\":\"public_chat\"}");
        calls.leave(carol, elsewhere);
        JsonNode after = sync(alice, since, 0);
        assertThat(list(after, "left")).doesNotContain(carol.userId());
        assertThat(list(after, "changed")).doesNotContain(carol.userId());
    }

    @Test
    void aStrangersKeysAreNotLeftWhenTheUserJoinsARoomInTheSameWindow() {
        User carol = TestUsers.register(server, "carol", "pw");
        String since = sync(alice, null, 0).path("next_batch").asText();
        uploadDeviceKeys(carol);
        calls.createRoom(alice, "{}");
        JsonNode after = sync(alice, since, 0);
        assertThat(list(after, "left")).doesNotContain(carol.userId());
        assertThat(list(after, "changed")).doesNotContain(carol.userId());
    }

    @Test
    void aJoinToTheUsersRoomIsChangedButAStrangersJoinElsewhereIsNot() {
        User carol = TestUsers.register(server, "carol", "pw");
        User dave = TestUsers.register(server, "dave", "pw");
        String elsewhere = calls.createRoom(dave, "{\"preset\":\"public_chat\"}");
        String since = sync(alice, null, 0).path("next_batch").asText();
        calls.join(carol, room);
        calls.join(bob, elsewhere);
        JsonNode after = sync(alice, since, 0);
        assertThat(list(after, "changed")).contains(carol.userId()).doesNotContain(dave.userId(), bob.userId());
        assertThat(list(after, "left")).isEmpty();
    }

    @Test
    void theOtherLeavingTheOnlySharedRoomIsLeft() {
        String since = sync(alice, null, 0).path("next_batch").asText();
        calls.leave(bob, room);
        JsonNode after = sync(alice, since, 0);
        assertThat(list(after, "left")).containsExactly(bob.userId());
        assertThat(list(after, "changed")).doesNotContain(bob.userId());
    }

    @Test
    void theUserLeavingTheOnlySharedRoomMakesTheOtherLeft() {
        String aliceSince = sync(alice, null, 0).path("next_batch").asText();
        String bobSince = sync(bob, null, 0).path("next_batch").asText();
        calls.leave(alice, room);
        assertThat(list(sync(alice, aliceSince, 0), "left")).containsExactly(bob.userId());
        assertThat(list(sync(bob, bobSince, 0), "left")).containsExactly(alice.userId());
    }

    @Test
    void olderSixFieldTokensStillWork() {
        String since = sync(bob, null, 0).path("next_batch").asText();
        assertThat(since.split("_")).hasSize(7);
        String old = since.substring(0, since.lastIndexOf('_'));
        Reply r = Http.get(calls.v3("/sync?since=" + enc(old)), bob.accessToken());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(Http.get(calls.v3("/keys/changes?from=" + enc(old)), bob.accessToken()).errcode())
                .isEqualTo("M_MISSING_PARAM");
    }
}
