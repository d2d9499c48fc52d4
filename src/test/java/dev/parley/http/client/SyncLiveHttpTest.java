package dev.parley.http.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.DialectServerTest;
import dev.parley.testing.Http;
import dev.parley.testing.Http.Reply;
import dev.parley.testing.TestUsers;
import dev.parley.testing.TestUsers.User;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Live {@code /sync}: a parked long-poll costs the database nothing until it is woken, and the
 * incremental paths that skip unmoved streams and untouched rooms still deliver everything,
 * exactly once and in order. SQLite and PostgreSQL.
 */
class SyncLiveHttpTest extends DialectServerTest {
    private static final String BIG_TIMELINE = "filter=" + enc("{\"room\":{\"timeline\":{\"limit\":100}}}");

    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

    SyncLiveHttpTest() {
        super(2); // alice and bob
    }

    /** Runs before the server stops: polls still parked are abandoned, not waited for. */
    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    @Test
    void parkedLongPollsCostNoDatabaseWorkUntilWoken() throws Exception {
        String room = createRoom(alice, "{\"preset\":\"public_chat\"}");
        List<User> syncers = new ArrayList<>(List.of(bob));
        for (int i = 0; i < 4; i++) {
            syncers.add(register("idle" + i));
        }
        for (User user : syncers) {
            Http.call("POST", url("/join/" + enc(room)), user.accessToken(), "{}");
        }
        // Everyone online first, so no presence change wakes the others' polls afterwards.
        List<String> tokens = new ArrayList<>();
        for (User user : syncers) {
            tokens.add(sync(user, null, "").path("next_batch").asText());
        }
        List<CompletableFuture<JsonNode>> polls = new ArrayList<>();
        for (int i = 0; i < syncers.size(); i++) {
            User user = syncers.get(i);
            polls.add(parkedPoll(user, sync(user, tokens.get(i), "").path("next_batch").asText(), BIG_TIMELINE));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> metric("parley_sync_parked") == syncers.size());

        long before = databaseWork();
        Thread.sleep(1_500);
        assertThat(metric("parley_sync_parked")).isEqualTo(syncers.size());
        assertThat(databaseWork()).as("database work while " + syncers.size() + " long-polls were parked")
                .isEqualTo(before);

        sendText(alice, room, "wake", "wake up");
        for (CompletableFuture<JsonNode> poll : polls) {
            assertThat(timelineBodies(poll.get(15, TimeUnit.SECONDS), room)).containsExactly("wake up");
        }
        assertThat(databaseWork()).as("the counter counts: the send and the woken builds read").isGreaterThan(before);
    }

    @Test
    void busyLongPollLoopGetsEveryMessageOfEveryRoomOnceInOrder() throws Exception {
        List<String> rooms = new ArrayList<>();
        for (int r = 0; r < 3; r++) {
            String room = createRoom(bob, "{\"preset\":\"public_chat\"}");
            Http.call("POST", url("/join/" + enc(room)), alice.accessToken(), "{}");
            rooms.add(room);
        }
        // A room alice is in where nothing happens: skipped by every incremental sync, never listed.
        String quiet = createRoom(alice, "{}");
        String start = sync(alice, null, "").path("next_batch").asText();
        int messages = 60;
        CompletableFuture<Map<String, List<String>>> seen = CompletableFuture.supplyAsync(() -> {
            Map<String, List<String>> got = new HashMap<>();
            String token = start;
            int count = 0;
            while (count < messages) {
                JsonNode delta = sync(alice, token, "timeout=10000&" + BIG_TIMELINE);
                assertThat(delta.path("rooms").path("join").has(quiet)).isFalse();
                for (String room : rooms) {
                    List<String> bodies = timelineBodies(delta, room);
                    got.computeIfAbsent(room, r -> new ArrayList<>()).addAll(bodies);
                    count += bodies.size();
                }
                token = delta.path("next_batch").asText();
            }
            return got;
        }, threads);
        Map<String, List<String>> sent = new HashMap<>();
        for (int i = 0; i < messages; i++) {
            String room = rooms.get(i % rooms.size());
            sendText(bob, room, "m" + i, "message " + i);
            sent.computeIfAbsent(room, r -> new ArrayList<>()).add("message " + i);
            if (i % 7 == 0) {
                Thread.sleep(20);
            }
        }
        Map<String, List<String>> got = seen.get(60, TimeUnit.SECONDS);
        for (String room : rooms) {
            assertThat(got.get(room)).as(room).containsExactlyElementsOf(sent.get(room));
        }
    }

    @Test
    void everyStreamStillWakesAndArrivesWhileOthersAreSkipped() throws Exception {
        String room = createRoom(alice, "{\"preset\":\"public_chat\"}");
        Http.call("POST", url("/join/" + enc(room)), bob.accessToken(), "{}");
        String token = sync(alice, null, "").path("next_batch").asText();

        // Account data of her own, while parked.
        JsonNode woken = wokenBy(token, () -> Http.call("PUT", url("/user/" + enc(alice.userId())
                + "/account_data/org.example.live"), alice.accessToken(), "{\"n\":1}"));
        assertThat(woken.path("account_data").path("events").get(0).path("type").asText()).isEqualTo("org.example.live");
        token = woken.path("next_batch").asText();

        // A to-device message, delivered once: the next sync acknowledges it and gets nothing.
        woken = wokenBy(token, () -> Http.call("PUT", url("/sendToDevice/org.example.ping/t1"), bob.accessToken(),
                "{\"messages\":{\"" + alice.userId() + "\":{\"" + alice.deviceId() + "\":{\"n\":1}}}}"));
        assertThat(woken.path("to_device").path("events")).hasSize(1);
        token = woken.path("next_batch").asText();
        JsonNode after = sync(alice, token, "timeout=300");
        assertThat(after.path("to_device").path("events")).isEmpty();

        // A read receipt in the room.
        String event = sendText(bob, room, "r1", "read me");
        woken = sync(alice, token, "timeout=5000");
        assertThat(timelineBodies(woken, room)).containsExactly("read me");
        token = woken.path("next_batch").asText();
        woken = wokenBy(token, () -> Http.call("POST", url("/rooms/" + enc(room) + "/receipt/m.read/" + enc(event)),
                bob.accessToken(), "{}"));
        assertThat(woken.path("rooms").path("join").path(room).path("ephemeral").path("events").get(0)
                .path("type").asText()).isEqualTo("m.receipt");
        assertThat(timelineBodies(woken, room)).isEmpty();
        token = woken.path("next_batch").asText();

        // An invite to a new room, then a message there once she joined while her next sync was parked.
        String other = createRoom(bob, "{}");
        woken = wokenBy(token, () -> Http.call("POST", url("/rooms/" + enc(other) + "/invite"), bob.accessToken(),
                "{\"user_id\":\"" + alice.userId() + "\"}"));
        assertThat(woken.path("rooms").path("invite").has(other)).isTrue();
        token = woken.path("next_batch").asText();
        woken = wokenBy(token, () -> Http.call("POST", url("/join/" + enc(other)), alice.accessToken(), "{}"));
        assertThat(woken.path("rooms").path("join").has(other)).isTrue();
        token = woken.path("next_batch").asText();
        woken = wokenBy(token, () -> sendText(bob, other, "o1", "in the new room"));
        assertThat(timelineBodies(woken, other)).containsExactly("in the new room");
        assertThat(woken.path("rooms").path("join").has(room)).isFalse();
    }

    /**
     * What a woken sync costs is mostly its database reads (on SQLite each read after a commit
     * starts with an empty page cache), so an incremental sync with one new message in one room
     * reads none: the positions of the other streams, the joined rooms,
     * the unread count's receipts, the timeline, its catch-up, the state events it is checked
     * against, the key counts and whether anything relates to the new message all come from
     * memory.
     */
    @Test
    void anIncrementalSyncWithOneNewMessageReadsNothingFromTheDatabase() throws Exception {
        String room = createRoom(alice, "{\"preset\":\"public_chat\"}");
        Http.call("POST", url("/join/" + enc(room)), bob.accessToken(), "{}");
        String token = sync(alice, null, "").path("next_batch").asText();
        sendText(bob, room, "first", "first");
        token = sync(alice, token, "").path("next_batch").asText(); // rooms and counts known from here

        sendText(bob, room, "second", "second");
        long before = metric("parley_database_reads_total");
        JsonNode response = sync(alice, token, "");
        long reads = metric("parley_database_reads_total") - before;

        assertThat(timelineBodies(response, room)).containsExactly("second");
        assertThat(reads).as("database reads of one incremental sync with one new message").isZero();
    }

    /** Alice's long-poll from {@code token}, parked before {@code action} runs. */
    private JsonNode wokenBy(String token, Runnable action) throws Exception {
        CompletableFuture<JsonNode> poll = parkedPoll(alice, token, "");
        long started = System.nanoTime();
        action.run();
        JsonNode woken = poll.get(15, TimeUnit.SECONDS);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).as("woken, not timed out")
                .isLessThan(10_000);
        return woken;
    }

    /**
     * A long-poll of {@code user} from {@code token}, once it is parked. A poll answered before it
     * parked (others' presence or joins) is followed by another from its token.
     */
    private CompletableFuture<JsonNode> parkedPoll(User user, String token, String extra) throws Exception {
        String from = token;
        while (true) {
            long parked = metric("parley_sync_parked");
            String since = from;
            CompletableFuture<JsonNode> poll = CompletableFuture.supplyAsync(
                    () -> sync(user, since, "timeout=30000&" + extra), threads);
            await().atMost(Duration.ofSeconds(10)).until(() -> poll.isDone() || metric("parley_sync_parked") > parked);
            if (!poll.isDone()) {
                return poll;
            }
            from = poll.get().path("next_batch").asText();
        }
    }

    private long databaseWork() {
        return metric("parley_database_reads_total") + metric("parley_database_writes_total");
    }

    private long metric(String name) {
        Reply r = Http.get(server.opsUrl() + "/metrics");
        Matcher m = Pattern.compile("(?m)^" + name + "(?:\\{[^}]*\\})? ([0-9.eE+]+)$").matcher(r.body());
        assertThat(m.find()).as(name).isTrue();
        return (long) Double.parseDouble(m.group(1));
    }
}
