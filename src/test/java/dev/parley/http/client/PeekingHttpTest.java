package dev.parley.http.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.DialectServerTest;
import dev.parley.testing.Http;
import dev.parley.testing.RoomCalls;
import dev.parley.testing.Http.Reply;
import dev.parley.testing.TestUsers.User;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Room previews: {@code GET /rooms/{roomId}/initialSync} and {@code GET /events?room_id=} for
 * users outside a world-readable room, and for members under history visibility.
 */
class PeekingHttpTest extends DialectServerTest {
    PeekingHttpTest() {
        super(2);
    }

    private String room(String visibility, String extra) {
        return calls.createRoom(alice, "{\"preset\":\"public_chat\"" + extra + ",\"initial_state\":[{\"type\":"
                + "\"m.room.history_visibility\",\"state_key\":\"\",\"content\":{\"history_visibility\":\"" + visibility
                + "\"}}]}");
    }

    private Reply initialSync(User user, String room) {
        return Http.get(calls.v3("/rooms/" + enc(room) + "/initialSync"), user.accessToken());
    }

    private Reply events(User user, String query) {
        return Http.get(calls.v3("/events?" + query), user.accessToken());
    }

    @Test
    void outsidersTakeASnapshotOfAWorldReadableRoomAndFollowItsNewEvents() throws Exception {
        String room = room("world_readable", ",\"visibility\":\"public\"");
        calls.text(alice, room, "first");
        calls.text(alice, room, "second");

        Reply snapshot = initialSync(bob, room);
        assertThat(snapshot.status()).as(snapshot.body()).isEqualTo(200);
        JsonNode json = snapshot.json();
        assertThat(json.path("room_id").asText()).isEqualTo(room);
        assertThat(json.has("membership")).as("bob has no membership to name").isFalse();
        assertThat(json.path("visibility").asText()).isEqualTo("public");
        assertThat(RoomCalls.bodies(json.path("messages").path("chunk"))).as("oldest first").containsExactly("first", "second");
        assertThat(types(json.path("state"))).contains("m.room.create", "m.room.history_visibility", "m.room.member");
        assertThat(json.path("presence").isArray()).isTrue();
        assertThat(json.path("account_data").isArray()).isTrue();
        String end = json.path("messages").path("end").asText();

        Reply earlier = calls.messages(bob, room, "dir=b&limit=1&from=" + enc(end));
        assertThat(RoomCalls.bodies(earlier.json().path("chunk"))).as("end works with /messages").containsExactly("second");

        Reply nothing = events(bob, "room_id=" + enc(room) + "&from=" + enc(end) + "&timeout=0");
        assertThat(nothing.status()).as(nothing.body()).isEqualTo(200);
        assertThat(nothing.json().path("chunk")).isEmpty();
        assertThat(nothing.json().path("start").asText()).isEqualTo(end);

        CompletableFuture<Reply> poll = CompletableFuture.supplyAsync(() ->
                events(bob, "room_id=" + enc(room) + "&from=" + enc(end) + "&timeout=20000"));
        Thread.sleep(300);
        Reply accountData = Http.call("PUT", calls.v3("/user/" + enc(bob.userId()) + "/account_data/org.example.x"),
                bob.accessToken(), "{}");
        assertThat(accountData.status()).as(accountData.body()).isEqualTo(200);
        Thread.sleep(300);
        assertThat(poll).as("news for bob elsewhere does not end the wait for the room").isNotDone();
        calls.text(alice, room, "third");
        Reply woken = poll.get(25, TimeUnit.SECONDS);
        assertThat(woken.status()).as(woken.body()).isEqualTo(200);
        assertThat(RoomCalls.bodies(woken.json().path("chunk"))).containsExactly("third");
        assertThat(woken.json().path("chunk").get(0).path("room_id").asText()).isEqualTo(room);
        String next = woken.json().path("end").asText();
        assertThat(next).isNotEqualTo(end);
        Reply again = events(bob, "room_id=" + enc(room) + "&from=" + enc(next) + "&timeout=0");
        assertThat(again.json().path("chunk")).as("nothing is handed out twice").isEmpty();

        Reply fromNow = events(bob, "room_id=" + enc(room) + "&timeout=0");
        assertThat(fromNow.status()).isEqualTo(200);
        assertThat(fromNow.json().path("chunk")).as("without from, the stream starts now").isEmpty();
    }

    @Test
    void outsidersSeeOnlyWorldReadableEvents() {
        String shared = room("shared", "");
        calls.text(alice, shared, "members only");
        for (Reply refused : List.of(initialSync(bob, shared), events(bob, "room_id=" + enc(shared) + "&timeout=0"),
                initialSync(bob, "!unknown:test.local"), events(bob, "room_id=" + enc("!unknown:test.local") + "&timeout=0"))) {
            assertThat(refused.status()).as(refused.body()).isEqualTo(403);
            assertThat(refused.errcode()).isEqualTo("M_FORBIDDEN");
        }

        String room = room("world_readable", "");
        String end = initialSync(bob, room).json().path("messages").path("end").asText();
        calls.text(alice, room, "public");
        Reply visible = calls.messages(alice, room, "dir=b&limit=1");
        assertThat(RoomCalls.bodies(visible.json().path("chunk"))).containsExactly("public");
        Reply hidden = Http.call("PUT", calls.v3("/rooms/" + enc(room) + "/state/m.room.history_visibility/"),
                alice.accessToken(), "{\"history_visibility\":\"shared\"}");
        assertThat(hidden.status()).as(hidden.body()).isEqualTo(200);
        calls.text(alice, room, "private now");
        Reply after = events(bob, "room_id=" + enc(room) + "&from=" + enc(end) + "&timeout=0");
        assertThat(after.status()).as("no longer world-readable: no more peeking").isEqualTo(403);
        assertThat(after.errcode()).isEqualTo("M_FORBIDDEN");
    }

    @Test
    void membersGetWhatHistoryVisibilityShowsThem() {
        String room = room("joined", "");
        calls.text(alice, room, "before bob");
        calls.join(bob, room);
        calls.text(alice, room, "after bob");
        Reply receipt = Http.call("POST", calls.v3("/rooms/" + enc(room) + "/receipt/m.read/"
                + enc(calls.text(bob, room, "bob speaks"))), bob.accessToken(), "{}");
        assertThat(receipt.status()).as(receipt.body()).isEqualTo(200);
        Reply tag = Http.call("PUT", calls.v3("/user/" + enc(bob.userId()) + "/rooms/" + enc(room) + "/account_data/m.tag"),
                bob.accessToken(), "{\"tags\":{\"u.work\":{}}}");
        assertThat(tag.status()).as(tag.body()).isEqualTo(200);

        JsonNode snapshot = initialSync(bob, room).json();
        assertThat(snapshot.path("membership").asText()).isEqualTo("join");
        assertThat(snapshot.path("visibility").asText()).isEqualTo("private");
        assertThat(RoomCalls.bodies(snapshot.path("messages").path("chunk"))).containsExactly("after bob", "bob speaks");
        JsonNode tags = null;
        for (JsonNode data : snapshot.path("account_data")) {
            tags = data.path("type").asText().equals("m.tag") ? data : tags;
        }
        assertThat(tags).as(snapshot.path("account_data").toString()).isNotNull();
        assertThat(tags.path("content").path("tags").has("u.work")).isTrue();
        JsonNode receipts = snapshot.path("receipts");
        assertThat(receipts.size()).isEqualTo(1);
        assertThat(receipts.get(0).path("type").asText()).isEqualTo("m.receipt");
        assertThat(receipts.get(0).path("room_id").asText()).isEqualTo(room);
        assertThat(receipts.get(0).path("content").toString()).contains(bob.userId());

        calls.leave(bob, room);
        calls.text(alice, room, "after bob left");
        JsonNode left = initialSync(bob, room).json();
        assertThat(left.path("membership").asText()).isEqualTo("leave");
        List<String> bodies = RoomCalls.bodies(left.path("messages").path("chunk"));
        assertThat(bodies).containsExactly("after bob", "bob speaks");
        JsonNode lastEvent = left.path("messages").path("chunk").get(left.path("messages").path("chunk").size() - 1);
        assertThat(lastEvent.path("content").path("membership").asText()).as("up to his leaving").isEqualTo("leave");
        assertThat(left.toString()).doesNotContain("after bob left");

        Reply stream = events(bob, "room_id=" + enc(room) + "&from=" + enc(left.path("messages").path("end").asText())
                + "&timeout=0");
        assertThat(stream.status()).as(stream.body()).isEqualTo(200);
        assertThat(RoomCalls.bodies(stream.json().path("chunk"))).as("hidden from a former member").isEmpty();
    }

    @Test
    void badRequestsAreRefusedWithTheSpecErrors() {
        String room = room("world_readable", "");
        Reply missing = events(bob, "timeout=0");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.errcode()).isEqualTo("M_MISSING_PARAM");
        assertThat(events(bob, "room_id=not-a-room&timeout=0").errcode()).isEqualTo("M_INVALID_PARAM");
        for (String query : List.of("&from=garbage", "&from=s12x", "&timeout=-1", "&timeout=soon")) {
            Reply r = events(bob, "room_id=" + enc(room) + query);
            assertThat(r.status()).as(query).isEqualTo(400);
            assertThat(r.errcode()).as(query).isEqualTo("M_INVALID_PARAM");
        }
        assertThat(initialSync(bob, "not-a-room").errcode()).isEqualTo("M_INVALID_PARAM");
        assertThat(Http.get(calls.v3("/events?room_id=" + enc(room))).errcode()).isEqualTo("M_MISSING_TOKEN");
        assertThat(Http.get(calls.v3("/rooms/" + enc(room) + "/initialSync")).errcode()).isEqualTo("M_MISSING_TOKEN");
    }

    private static List<String> types(JsonNode events) {
        List<String> out = new ArrayList<>();
        events.forEach(e -> out.add(e.path("type").asText()));
        return out;
    }
}
