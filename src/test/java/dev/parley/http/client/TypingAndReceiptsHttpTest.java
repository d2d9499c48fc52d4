package dev.parley.http.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.DialectServerTest;
import dev.parley.testing.Http;
import dev.parley.testing.Http.Reply;
import dev.parley.testing.TestUsers.User;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Typing notifications, receipts and read markers through a real server and {@code /sync}, on SQLite and PostgreSQL. */
class TypingAndReceiptsHttpTest extends DialectServerTest {
    private String room;

    TypingAndReceiptsHttpTest() {
        super(3); // alice, bob and carol
    }

    @BeforeEach
    void start() {
        room = calls.createRoom(alice, "{\"preset\":\"public_chat\"}");
        calls.join(bob, room);
    }

    private String token(User user) {
        return sync(user, null, "").path("next_batch").asText();
    }

    private Reply typing(User user, String userId, String body) {
        return Http.call("PUT", url("/rooms/" + enc(room) + "/typing/" + enc(userId)), user.accessToken(), body);
    }

    private String send(User user, String txn, String body) {
        Reply r = Http.call("PUT", url("/rooms/" + enc(room) + "/send/m.room.message/" + txn), user.accessToken(), body);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().path("event_id").asText();
    }

    private String message(User user, String txn) {
        return send(user, txn, "{\"msgtype\":\"m.text\",\"body\":\"" + txn + "\"}");
    }

    private Reply receipt(User user, String type, String eventId, String body) {
        return Http.call("POST", url("/rooms/" + enc(room) + "/receipt/" + type + "/" + enc(eventId)),
                user.accessToken(), body);
    }

    /** The room's ephemeral events of {@code type} in a sync response. */
    private List<JsonNode> ephemeral(JsonNode sync, String type) {
        List<JsonNode> out = new ArrayList<>();
        sync.path("rooms").path("join").path(room).path("ephemeral").path("events").forEach(e -> {
            if (e.path("type").asText().equals(type)) {
                out.add(e);
            }
        });
        return out;
    }

    /** The user IDs of the single m.typing event, or empty when there is none. */
    private Optional<List<String>> typingUsers(JsonNode sync) {
        List<JsonNode> events = ephemeral(sync, "m.typing");
        assertThat(events.size()).isLessThanOrEqualTo(1);
        if (events.isEmpty()) {
            return Optional.empty();
        }
        List<String> ids = new ArrayList<>();
        events.getFirst().path("content").path("user_ids").forEach(id -> ids.add(id.asText()));
        return Optional.of(ids);
    }

    @Test
    void typingStartsStopsAndIsSeenOnlyWhenItChanges() {
        String bobToken = token(bob);
        assertThat(typing(alice, alice.userId(), "{\"typing\":true,\"timeout\":30000}").status()).isEqualTo(200);
        JsonNode started = sync(bob, bobToken, "");
        assertThat(typingUsers(started)).contains(List.of(alice.userId()));

        // Saying it again changes nothing, so the next sync has nothing for the room.
        typing(alice, alice.userId(), "{\"typing\":true,\"timeout\":30000}");
        JsonNode same = sync(bob, started.path("next_batch").asText(), "");
        assertThat(same.path("rooms").path("join").has(room)).isFalse();

        // Bob types too; Carol, joining now, sees both in her first sync of the room.
        typing(bob, bob.userId(), "{\"typing\":true,\"timeout\":30000}");
        Http.call("POST", url("/join/" + enc(room)), carol.accessToken(), "{}");
        assertThat(typingUsers(sync(carol, null, ""))).hasValueSatisfying(ids ->
                assertThat(ids).containsExactlyInAnyOrder(alice.userId(), bob.userId()));

        typing(alice, alice.userId(), "{\"typing\":false}");
        JsonNode stopped = sync(bob, same.path("next_batch").asText(), "");
        assertThat(typingUsers(stopped)).contains(List.of(bob.userId()));

        // Leaving the room stops typing in it.
        Http.call("POST", url("/rooms/" + enc(room) + "/leave"), bob.accessToken(), "{}");
        JsonNode afterLeave = sync(alice, null, "");
        assertThat(typingUsers(afterLeave)).isEmpty();
    }

    @Test
    void typingTimesOutAndTheTimeoutWakesALongPoll() throws Exception {
        String bobToken = token(bob);
        typing(alice, alice.userId(), "{\"typing\":true,\"timeout\":1000}");
        JsonNode started = sync(bob, bobToken, "");
        assertThat(typingUsers(started)).contains(List.of(alice.userId()));

        long start = System.nanoTime();
        JsonNode expired = sync(bob, started.path("next_batch").asText(), "timeout=20000");
        long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(typingUsers(expired)).contains(List.of());
        assertThat(elapsed).as("woken by the time-out, not by the 20 s poll timeout").isLessThan(10_000);
    }

    @Test
    void typingWakesALongPoll() throws Exception {
        String bobToken = token(bob);
        CompletableFuture<JsonNode> waiting = CompletableFuture.supplyAsync(() -> sync(bob, bobToken, "timeout=20000"));
        Thread.sleep(300);
        typing(alice, alice.userId(), "{\"typing\":true}");
        assertThat(typingUsers(waiting.get(15, TimeUnit.SECONDS))).contains(List.of(alice.userId()));
    }

    @Test
    void typingIsOnlyForYourselfInRoomsYouAreIn() {
        assertThat(typing(alice, bob.userId(), "{\"typing\":true}").errcode()).isEqualTo("M_FORBIDDEN");
        Reply outsider = typing(carol, carol.userId(), "{\"typing\":true}");
        assertThat(outsider.status()).isEqualTo(403);
        assertThat(outsider.errcode()).isEqualTo("M_FORBIDDEN");
        assertThat(typing(alice, alice.userId(), "{}").errcode()).isEqualTo("M_MISSING_PARAM");
        assertThat(typing(alice, alice.userId(), "{\"typing\":\"yes\"}").errcode()).isEqualTo("M_BAD_JSON");
        assertThat(typingUsers(sync(alice, null, ""))).isEmpty();
    }

    @Test
    void publicReceiptsReachEveryoneAndPrivateOnesOnlyTheirSender() throws Exception {
        Http.call("POST", url("/join/" + enc(room)), carol.accessToken(), "{}");
        String hello = message(alice, "hello");
        String aliceToken = token(alice);
        String bobToken = token(bob);
        String carolToken = token(carol);

        CompletableFuture<JsonNode> aliceWaiting = CompletableFuture.supplyAsync(() -> sync(alice, aliceToken, "timeout=20000"));
        Thread.sleep(300);
        assertThat(receipt(bob, "m.read", hello, "{}").status()).isEqualTo(200);
        JsonNode aliceSees = aliceWaiting.get(15, TimeUnit.SECONDS);
        List<JsonNode> receipts = ephemeral(aliceSees, "m.receipt");
        assertThat(receipts).hasSize(1);
        JsonNode read = receipts.getFirst().path("content").path(hello).path("m.read").path(bob.userId());
        assertThat(read.path("ts").asLong()).isPositive();
        assertThat(read.has("thread_id")).isFalse();

        assertThat(receipt(carol, "m.read.private", hello, "{}").status()).isEqualTo(200);
        JsonNode carolSees = sync(carol, carolToken, "");
        JsonNode carolContent = ephemeral(carolSees, "m.receipt").getFirst().path("content").path(hello);
        assertThat(carolContent.path("m.read").has(bob.userId())).isTrue();
        assertThat(carolContent.path("m.read.private").has(carol.userId())).isTrue();
        JsonNode bobSees = sync(bob, bobToken, "");
        JsonNode bobContent = ephemeral(bobSees, "m.receipt").getFirst().path("content").path(hello);
        assertThat(bobContent.path("m.read").has(bob.userId())).isTrue();
        assertThat(bobContent.has("m.read.private")).as("Carol's private receipt").isFalse();
        JsonNode aliceLater = sync(alice, aliceSees.path("next_batch").asText(), "");
        assertThat(ephemeral(aliceLater, "m.receipt")).as("nothing new Alice may see").isEmpty();

        // A new sync shows the room's receipts; a receipt for an older event does not move it back.
        String later = message(alice, "later");
        receipt(bob, "m.read", later, "{}");
        receipt(bob, "m.read", hello, "{}");
        JsonNode initial = sync(carol, null, "");
        JsonNode all = ephemeral(initial, "m.receipt").getFirst().path("content");
        assertThat(all.path(later).path("m.read").has(bob.userId())).isTrue();
        assertThat(all.path(hello).path("m.read").has(bob.userId())).isFalse();
        assertThat(all.path(hello).path("m.read.private").has(carol.userId())).isTrue();
    }

    @Test
    void threadedReceiptsCarryTheirThreadAndAreChecked() {
        String root = message(alice, "root");
        String inThread = send(alice, "reply", "{\"msgtype\":\"m.text\",\"body\":\"in thread\",\"m.relates_to\":"
                + "{\"rel_type\":\"m.thread\",\"event_id\":\"" + root + "\"}}");
        String bobToken = token(bob);
        assertThat(receipt(bob, "m.read", inThread, "{\"thread_id\":\"" + root + "\"}").status()).isEqualTo(200);
        assertThat(receipt(bob, "m.read", root, "{\"thread_id\":\"main\"}").status()).isEqualTo(200);
        JsonNode content = ephemeral(sync(bob, bobToken, ""), "m.receipt").getFirst().path("content");
        assertThat(content.path(inThread).path("m.read").path(bob.userId()).path("thread_id").asText()).isEqualTo(root);
        assertThat(content.path(root).path("m.read").path(bob.userId()).path("thread_id").asText()).isEqualTo("main");

        assertThat(receipt(bob, "m.read", inThread, "{\"thread_id\":\"main\"}").errcode()).isEqualTo("M_INVALID_PARAM");
        assertThat(receipt(bob, "m.read", root, "{\"thread_id\":\"\"}").errcode()).isEqualTo("M_INVALID_PARAM");
        assertThat(receipt(bob, "m.read", root, "{\"thread_id\":7}").errcode()).isEqualTo("M_INVALID_PARAM");
        assertThat(receipt(bob, "m.fully_read", root, "{\"thread_id\":\"main\"}").errcode()).isEqualTo("M_INVALID_PARAM");
        assertThat(receipt(bob, "m.unknown", root, "{}").errcode()).isEqualTo("M_INVALID_PARAM");
        Reply unknown = receipt(bob, "m.read", "$nope:test.local", "{}");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.errcode()).isEqualTo("M_NOT_FOUND");
        assertThat(receipt(carol, "m.read", root, "{}").errcode()).as("not in the room").isEqualTo("M_FORBIDDEN");
    }

    @Test
    void readMarkersSetTheFullyReadAccountDataAndReceipts() {
        String first = message(alice, "first");
        String second = message(alice, "second");
        String aliceToken = token(alice);
        String bobToken = token(bob);
        Reply set = Http.call("POST", url("/rooms/" + enc(room) + "/read_markers"), bob.accessToken(),
                "{\"m.fully_read\":\"" + second + "\",\"m.read\":\"" + second + "\",\"m.read.private\":\"" + first + "\"}");
        assertThat(set.status()).as(set.body()).isEqualTo(200);

        JsonNode bobSees = sync(bob, bobToken, "");
        JsonNode accountData = bobSees.path("rooms").path("join").path(room).path("account_data").path("events");
        assertThat(accountData).anySatisfy(e -> {
            assertThat(e.path("type").asText()).isEqualTo("m.fully_read");
            assertThat(e.path("content").path("event_id").asText()).isEqualTo(second);
        });
        JsonNode bobReceipts = ephemeral(bobSees, "m.receipt").getFirst().path("content");
        assertThat(bobReceipts.path(second).path("m.read").has(bob.userId())).isTrue();
        assertThat(bobReceipts.path(first).path("m.read.private").has(bob.userId())).isTrue();
        JsonNode aliceReceipts = ephemeral(sync(alice, aliceToken, ""), "m.receipt").getFirst().path("content");
        assertThat(aliceReceipts.path(second).path("m.read").has(bob.userId())).isTrue();
        assertThat(aliceReceipts.has(first)).isFalse();

        String marker = url("/user/" + enc(bob.userId()) + "/rooms/" + enc(room) + "/account_data/m.fully_read");
        assertThat(Http.get(marker, bob.accessToken()).json().path("event_id").asText()).isEqualTo(second);
        // The marker only moves forward, also through the receipt endpoint; clients cannot write it directly.
        assertThat(receipt(bob, "m.fully_read", first, "{}").status()).isEqualTo(200);
        assertThat(Http.get(marker, bob.accessToken()).json().path("event_id").asText()).isEqualTo(second);
        assertThat(Http.call("PUT", marker, bob.accessToken(), "{\"event_id\":\"" + first + "\"}").status()).isEqualTo(405);
        String third = message(alice, "third");
        assertThat(receipt(bob, "m.fully_read", third, "{}").status()).isEqualTo(200);
        assertThat(Http.get(marker, bob.accessToken()).json().path("event_id").asText()).isEqualTo(third);

        Reply bad = Http.call("POST", url("/rooms/" + enc(room) + "/read_markers"), bob.accessToken(),
                "{\"m.fully_read\":\"$missing:test.local\"}");
        assertThat(bad.errcode()).isEqualTo("M_NOT_FOUND");
        assertThat(Http.call("POST", url("/rooms/" + enc(room) + "/read_markers"), bob.accessToken(),
                "{\"m.read\":5}").errcode()).isEqualTo("M_BAD_JSON");
        assertThat(Http.call("POST", url("/rooms/" + enc(room) + "/read_markers"), carol.accessToken(),
                "{\"m.read\":\"" + first + "\"}").errcode()).isEqualTo("M_FORBIDDEN");
    }

    @Test
    void receiptsSurviveARestartAndEphemeralFiltersApply() {
        String hello = message(alice, "hello");
        receipt(bob, "m.read", hello, "{}");
        server.restart();
        JsonNode after = sync(alice, null, "");
        assertThat(ephemeral(after, "m.receipt").getFirst().path("content").path(hello).path("m.read").has(bob.userId()))
                .isTrue();
        typing(bob, bob.userId(), "{\"typing\":true}");
        String noReceipts = "filter=" + enc("{\"room\":{\"ephemeral\":{\"not_types\":[\"m.receipt\"]}}}");
        JsonNode filtered = sync(alice, null, noReceipts);
        assertThat(ephemeral(filtered, "m.receipt")).isEmpty();
        assertThat(typingUsers(filtered)).contains(List.of(bob.userId()));
    }
}
