package dev.parley.http.client;

import static dev.parley.testing.RoomCalls.ids;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.DialectServerTest;
import dev.parley.testing.Http;
import dev.parley.testing.Http.Reply;
import dev.parley.testing.TestUsers.User;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code GET /_matrix/client/v1/rooms/{roomId}/threads} through a real server. */
class ThreadsHttpTest extends DialectServerTest {
    ThreadsHttpTest() {
        super(3); // alice, bob and carol
    }

    private String reply(User user, String room, String root, String body) {
        return calls.send(user, room, "m.room.message", "{\"msgtype\":\"m.text\",\"body\":\"" + body
                + "\",\"m.relates_to\":{\"rel_type\":\"m.thread\",\"event_id\":\"" + root + "\"}}");
    }

    private Reply threads(User user, String room, String query) {
        return Http.get(calls.v1("/rooms/" + enc(room) + "/threads" + (query.isEmpty() ? "" : "?" + query)), user.accessToken());
    }

    private JsonNode chunk(User user, String room, String query) {
        Reply r = threads(user, room, query);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().path("chunk");
    }

    @Test
    void listsThreadRootsByLatestActivityWithTheirSummaries() {
        String room = calls.createRoom(alice, "{\"preset\":\"public_chat\"}");
        calls.join(bob, room);
        String a = calls.text(alice, room, "root a");
        String b = calls.text(bob, room, "root b");
        String c = calls.text(alice, room, "root c");
        calls.text(alice, room, "not a thread");
        reply(bob, room, a, "a1");
        reply(alice, room, c, "c1");
        reply(bob, room, b, "b1");
        String latestA = reply(alice, room, a, "a2");

        JsonNode all = chunk(alice, room, "");
        assertThat(ids(all)).as("most recently active first").containsExactly(a, b, c);
        JsonNode summary = all.get(0).path("unsigned").path("m.relations").path("m.thread");
        assertThat(summary.path("count").asInt()).isEqualTo(2);
        assertThat(summary.path("latest_event").path("event_id").asText()).isEqualTo(latestA);
        assertThat(summary.path("current_user_participated").asBoolean()).isTrue();
        assertThat(all.get(1).path("unsigned").path("m.relations").path("m.thread").path("current_user_participated")
                .asBoolean()).as("bob's thread, alice never replied").isFalse();
        assertThat(chunk(alice, room, "include=all")).hasSize(3);

        assertThat(ids(chunk(alice, room, "include=participated"))).containsExactly(a, c);
        assertThat(ids(chunk(bob, room, "include=participated"))).containsExactly(a, b);
        assertThat(threads(carol, room, "").errcode()).as("a public room, but carol is not in it").isEqualTo("M_FORBIDDEN");
    }

    @Test
    void paginatesWithNextBatchWithoutGapsOrDuplicates() {
        String room = calls.createRoom(alice, "{\"preset\":\"public_chat\"}");
        List<String> roots = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String root = calls.text(alice, room, "root " + i);
            reply(alice, room, root, "reply " + i);
            roots.add(root);
        }
        for (int limit : new int[] {1, 2, 5, 7}) {
            List<String> seen = new ArrayList<>();
            String from = null;
            for (int page = 0; page < 10; page++) {
                Reply r = threads(alice, room, "limit=" + limit + (from == null ? "" : "&from=" + enc(from)));
                assertThat(r.status()).as(r.body()).isEqualTo(200);
                assertThat(r.json().path("chunk").size()).isLessThanOrEqualTo(limit);
                seen.addAll(ids(r.json().path("chunk")));
                if (!r.json().has("next_batch")) {
                    break;
                }
                from = r.json().path("next_batch").asText();
            }
            assertThat(seen).as("limit " + limit).containsExactlyElementsOf(roots.reversed());
        }
        // A thread revived by a new reply moves to the front.
        reply(alice, room, roots.getFirst(), "revived");
        assertThat(ids(chunk(alice, room, "limit=1"))).containsExactly(roots.getFirst());
        // A sync token is a position too: threads active up to it.
        Reply sync = Http.get(server.baseUrl() + "/_matrix/client/v3/sync", alice.accessToken());
        reply(alice, room, roots.get(2), "after sync");
        assertThat(ids(chunk(alice, room, "from=" + enc(sync.json().path("next_batch").asText()))))
                .containsExactly(roots.getFirst(), roots.get(4), roots.get(3), roots.get(1));
    }

    @Test
    void leavesOutRootsTheReaderMayNotSee() {
        String room = calls.createRoom(alice, "{\"preset\":\"public_chat\",\"initial_state\":[{\"type\":"
                + "\"m.room.history_visibility\",\"state_key\":\"\",\"content\":{\"history_visibility\":\"joined\"}}]}");
        String early = calls.text(alice, room, "before carol");
        reply(alice, room, early, "early reply");
        calls.join(carol, room);
        String later = calls.text(alice, room, "with carol");
        reply(alice, room, later, "later reply");
        reply(alice, room, early, "early thread revived");

        assertThat(ids(chunk(alice, room, ""))).containsExactly(early, later);
        JsonNode carols = chunk(carol, room, "limit=1");
        assertThat(ids(carols)).as("the early root is hidden from carol").containsExactly(later);
        assertThat(threads(carol, room, "limit=1").json().has("next_batch")).isFalse();
        JsonNode summary = chunk(alice, room, "").get(0).path("unsigned").path("m.relations").path("m.thread");
        assertThat(summary.path("count").asInt()).isEqualTo(2);
    }

    @Test
    void refusesBadRequests() {
        String room = calls.createRoom(alice, "{\"preset\":\"private_chat\"}");
        String root = calls.text(alice, room, "secret root");
        reply(alice, room, root, "secret reply");

        assertThat(threads(bob, room, "").status()).as("not a member").isEqualTo(403);
        assertThat(threads(bob, room, "").errcode()).isEqualTo("M_FORBIDDEN");
        assertThat(threads(alice, "!unknown:test.local", "").errcode()).isEqualTo("M_FORBIDDEN");
        Reply malformed = Http.get(calls.v1("/rooms/" + enc("not-a-room") + "/threads"), alice.accessToken());
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.errcode()).isEqualTo("M_INVALID_PARAM");
        for (String query : List.of("limit=0", "limit=-3", "limit=ten", "include=mine", "from=bogus", "from=t1")) {
            Reply r = threads(alice, room, query);
            assertThat(r.status()).as(query).isEqualTo(400);
            assertThat(r.errcode()).as(query).isEqualTo("M_INVALID_PARAM");
        }
        assertThat(Http.get(calls.v1("/rooms/" + enc(room) + "/threads")).errcode()).isEqualTo("M_MISSING_TOKEN");
        assertThat(ids(chunk(alice, room, "limit=1000"))).as("a large limit is capped, not refused").containsExactly(root);
    }
}
