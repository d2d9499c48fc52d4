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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Send-to-device messages through a real server: exactly once, in order, per device, restarts included. */
class ToDeviceHttpTest extends DialectServerTest {
    /** Bob's second device. */
    private User bobLaptop;

    ToDeviceHttpTest() {
        super(2); // alice and bob
    }

    @BeforeEach
    void start() {
        JsonNode login = TestUsers.login(server, "bob", "pw", "\"device_id\":\"LAPTOP\"").json();
        bobLaptop = new User(bob.userId(), login.path("access_token").asText(), login.path("device_id").asText());
        assertThat(bobLaptop.deviceId()).isEqualTo("LAPTOP");
    }

    private Reply sendToDevice(User sender, String type, String txn, String messages) {
        return Http.call("PUT", url("/sendToDevice/" + enc(type) + "/" + enc(txn)), sender.accessToken(),
                "{\"messages\":" + messages + "}");
    }

    private void send(User sender, String txn, String userId, String deviceId, int n) {
        Reply r = sendToDevice(sender, "org.example.ping", txn,
                "{\"" + userId + "\":{\"" + deviceId + "\":{\"n\":" + n + "}}}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    /** The {@code n} of each to-device event, in order. */
    private static List<Integer> numbers(JsonNode sync) {
        List<Integer> out = new ArrayList<>();
        sync.path("to_device").path("events").forEach(e -> out.add(e.path("content").path("n").asInt()));
        return out;
    }

    @Test
    void messagesReachTheirDeviceOnceInOrder() {
        String phoneToken = sync(bob, null, "").path("next_batch").asText();
        String laptopToken = sync(bobLaptop, null, "").path("next_batch").asText();
        send(alice, "t1", bob.userId(), bob.deviceId(), 1);
        send(alice, "t2", bob.userId(), "*", 2);
        send(alice, "t2", bob.userId(), "*", 2); // a retried transaction is not sent again
        send(alice, "t3", bob.userId(), "LAPTOP", 3);
        send(alice, "t4", bob.userId(), "NO_SUCH_DEVICE", 4);

        JsonNode phone = sync(bob, phoneToken, "");
        assertThat(numbers(phone)).containsExactly(1, 2);
        JsonNode event = phone.path("to_device").path("events").get(0);
        assertThat(event.path("sender").asText()).isEqualTo(alice.userId());
        assertThat(event.path("type").asText()).isEqualTo("org.example.ping");
        assertThat(numbers(sync(bobLaptop, laptopToken, ""))).containsExactly(2, 3);

        // Syncing again from the same token (the client never got the answer) gives them again...
        assertThat(numbers(sync(bob, phoneToken, ""))).containsExactly(1, 2);
        // ...and from the newer token, never again.
        JsonNode next = sync(bob, phone.path("next_batch").asText(), "");
        assertThat(numbers(next)).isEmpty();
        assertThat(numbers(sync(bob, phoneToken, ""))).as("acknowledged, so deleted").isEmpty();
        assertThat(numbers(sync(alice, null, ""))).isEmpty();
    }

    @Test
    void threeUsersMessagesKeepTheirOrderAcrossARestart() {
        User carol = TestUsers.register(server, "carol", "pw");
        String token = sync(bob, null, "").path("next_batch").asText();
        send(alice, "a1", bob.userId(), bob.deviceId(), 1);
        send(carol, "c1", bob.userId(), bob.deviceId(), 2);
        send(alice, "a2", bob.userId(), bob.deviceId(), 3);
        JsonNode first = sync(bob, token, "");
        assertThat(numbers(first)).containsExactly(1, 2, 3);
        assertThat(first.path("to_device").path("events").get(1).path("sender").asText()).isEqualTo(carol.userId());

        server.restart();
        send(carol, "c2", bob.userId(), bob.deviceId(), 4);
        send(alice, "a3", bob.userId(), "*", 5);
        send(alice, "a1", bob.userId(), bob.deviceId(), 1); // still a retry after the restart
        // The token from before the restart acknowledges 1-3 and brings only the new ones.
        JsonNode second = sync(bob, first.path("next_batch").asText(), "");
        assertThat(numbers(second)).containsExactly(4, 5);
        assertThat(numbers(sync(bob, second.path("next_batch").asText(), ""))).isEmpty();
        assertThat(numbers(sync(bobLaptop, null, ""))).containsExactly(5);
    }

    @Test
    void unacknowledgedMessagesSurviveARestart() {
        String token = sync(bob, null, "").path("next_batch").asText();
        send(alice, "a1", bob.userId(), bob.deviceId(), 1);
        send(alice, "a2", bob.userId(), bob.deviceId(), 2);
        JsonNode got = sync(bob, token, "");
        assertThat(numbers(got)).containsExactly(1, 2);
        server.restart();
        // The answer was lost: the old token brings them again; the new one acknowledges them.
        assertThat(numbers(sync(bob, token, ""))).containsExactly(1, 2);
        assertThat(numbers(sync(bob, got.path("next_batch").asText(), ""))).isEmpty();
    }

    @Test
    void aLongQueueComesAHundredAtATime() {
        String token = sync(bob, null, "").path("next_batch").asText();
        for (int i = 1; i <= 130; i++) {
            send(alice, "m" + i, bob.userId(), bob.deviceId(), i);
        }
        JsonNode first = sync(bob, token, "timeout=10000");
        List<Integer> expected = new ArrayList<>();
        for (int i = 1; i <= 100; i++) {
            expected.add(i);
        }
        assertThat(numbers(first)).containsExactlyElementsOf(expected);
        long start = System.nanoTime();
        JsonNode second = sync(bob, first.path("next_batch").asText(), "timeout=10000");
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).as("waiting messages answer at once")
                .isLessThan(5_000);
        assertThat(numbers(second)).hasSize(30).startsWith(101).endsWith(130);
        assertThat(numbers(sync(bob, second.path("next_batch").asText(), ""))).isEmpty();
    }

    @Test
    void aMessageWakesTheDevicesLongPoll() throws Exception {
        String token = sync(bobLaptop, null, "").path("next_batch").asText();
        CompletableFuture<JsonNode> waiting = CompletableFuture.supplyAsync(() -> sync(bobLaptop, token, "timeout=20000"));
        Thread.sleep(300);
        long start = System.nanoTime();
        send(alice, "wake", bob.userId(), "LAPTOP", 7);
        assertThat(numbers(waiting.get(15, TimeUnit.SECONDS))).containsExactly(7);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(10_000);
    }

    @Test
    void remoteUsersAreSkippedAndBadBodiesRefused() {
        String token = sync(bob, null, "").path("next_batch").asText();
        Reply mixed = sendToDevice(alice, "m.test", "r1", "{\"@someone:remote.example\":{\"DEV\":{\"n\":1}},\""
                + bob.userId() + "\":{\"" + bob.deviceId() + "\":{\"n\":2}}}");
        assertThat(mixed.status()).isEqualTo(200);
        assertThat(numbers(sync(bob, token, ""))).containsExactly(2);

        assertThat(Http.call("PUT", url("/sendToDevice/m.test/r2"), alice.accessToken(), "{}").errcode())
                .isEqualTo("M_MISSING_PARAM");
        assertThat(sendToDevice(alice, "m.test", "r3", "[]").errcode()).isEqualTo("M_BAD_JSON");
        assertThat(sendToDevice(alice, "m.test", "r4", "{\"" + bob.userId() + "\":{\"X\":5}}").errcode())
                .isEqualTo("M_BAD_JSON");
        assertThat(sendToDevice(alice, "m.test", "r5", "{\"not-a-user\":{}}").errcode()).isEqualTo("M_BAD_JSON");
    }
}
