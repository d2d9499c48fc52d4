package dev.parley.http.client;

import static dev.parley.testing.RoomCalls.bodies;
import static dev.parley.testing.RoomCalls.ids;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.DialectServerTest;
import dev.parley.testing.Http;
import dev.parley.testing.Http.Reply;
import dev.parley.testing.TestUsers.User;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code /relations} and bundled aggregations through a real server. */
class RelationsHttpTest extends DialectServerTest {
    RelationsHttpTest() {
        super(3); // alice, bob and carol
    }

    private String relate(User user, String room, String parent, String relType, String body) {
        return calls.send(user, room, "m.room.message", "{\"msgtype\":\"m.text\",\"body\":\"" + body
                + "\",\"m.relates_to\":{\"rel_type\":\"" + relType + "\",\"event_id\":\"" + parent + "\"}}");
    }

    private Reply relations(User user, String room, String parent, String suffix, String query) {
        return Http.get(calls.v1("/rooms/" + enc(room) + "/relations/" + enc(parent) + suffix + "?" + query), user.accessToken());
    }

    private List<JsonNode> pageAll(User user, String room, String parent, String suffix, String query) {
        List<JsonNode> out = new ArrayList<>();
        String from = null;
        for (int i = 0; i < 100; i++) {
            Reply r = relations(user, room, parent, suffix, query + (from == null ? "" : "&from=" + enc(from)));
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            assertThat(r.json().path("prev_batch").asText(null)).isEqualTo(from);
            r.json().path("chunk").forEach(out::add);
            if (!r.json().has("next_batch")) {
                return out;
            }
            from = r.json().path("next_batch").asText();
        }
        throw new AssertionError("no end");
    }

    @Test
    void pagesChildrenNewestFirstOrOldestFirstFilteredByTypes() {
        String room = calls.createRoom(alice, "{\"preset\":\"public_chat\"}");
        calls.join(bob, room);
        String root = calls.text(alice, room, "root");
        List<String> thread = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            thread.add(relate(i % 2 == 0 ? bob : alice, room, root, "m.thread", "t" + i));
            calls.text(alice, room, "noise" + i);
        }
        relate(alice, room, root, "m.reference", "ref");
        calls.send(bob, room, "m.reaction", "{\"m.relates_to\":{\"rel_type\":\"m.annotation\",\"event_id\":\"" + root + "\",\"key\":\"👍\"}}");

        List<JsonNode> all = pageAll(alice, room, root, "", "limit=3");
        assertThat(all).hasSize(9);
        assertThat(new HashSet<>(ids(all))).hasSize(9);
        assertThat(all.get(0).path("type").asText()).isEqualTo("m.reaction");
        assertThat(bodies(all)).containsExactly("ref", "t6", "t5", "t4", "t3", "t2", "t1", "t0");

        List<JsonNode> threadOnly = pageAll(alice, room, root, "/m.thread", "limit=2");
        assertThat(ids(threadOnly)).containsExactlyElementsOf(thread.reversed());
        assertThat(ids(pageAll(alice, room, root, "/m.thread", "limit=4&dir=f"))).containsExactlyElementsOf(thread);
        assertThat(ids(pageAll(alice, room, root, "/m.annotation/m.reaction", "limit=4"))).hasSize(1);
        assertThat(pageAll(alice, room, root, "/m.annotation/m.room.message", "")).isEmpty();
        assertThat(pageAll(alice, room, root, "/org.example.none", "")).isEmpty();
        JsonNode defaults = relations(alice, room, root, "/m.thread", "").json();
        assertThat(defaults.has("recursion_depth")).isFalse();
        assertThat(defaults.has("prev_batch")).isFalse();

        // to: from the newest down to (not past) the gap after t3.
        JsonNode firstPage = relations(alice, room, root, "/m.thread", "limit=3").json();
        assertThat(bodies(firstPage.path("chunk"))).containsExactly("t6", "t5", "t4");
        String next = firstPage.path("next_batch").asText();
        JsonNode upTo = relations(alice, room, root, "/m.thread", "to=" + enc(next)).json();
        assertThat(bodies(upTo.path("chunk"))).containsExactly("t6", "t5", "t4");
        assertThat(upTo.has("next_batch")).isFalse();
        JsonNode fromMessages = relations(alice, room, root, "/m.thread", "limit=2&from="
                + enc(calls.messages(alice, room, "dir=b&limit=1").json().path("start").asText())).json();
        assertThat(bodies(fromMessages.path("chunk"))).as("a /messages token works too").containsExactly("t6", "t5");

        assertThat(relations(alice, room, "$unknown:test.local", "", "").errcode()).isEqualTo("M_NOT_FOUND");
        assertThat(relations(carol, room, root, "", "").errcode()).as("not in the room").isEqualTo("M_NOT_FOUND");
        assertThat(relations(alice, room, root, "", "dir=x").errcode()).isEqualTo("M_INVALID_PARAM");
        assertThat(relations(alice, room, root, "", "from=nope").errcode()).isEqualTo("M_INVALID_PARAM");
        assertThat(relations(alice, room, root, "", "recurse=maybe").errcode()).isEqualTo("M_INVALID_PARAM");
    }

    @Test
    void recursesThreeLevelsThroughMatchingEventsOnly() {
        String room = calls.createRoom(alice, "{}");
        String root = calls.text(alice, room, "root");
        String a = relate(alice, room, root, "m.reference", "a");
        String b = relate(alice, room, a, "m.reference", "b");
        String c = relate(alice, room, b, "m.reference", "c");
        relate(alice, room, c, "m.reference", "d");
        relate(alice, room, a, "org.example.other", "x");

        assertThat(bodies(relations(alice, room, root, "", "").json().path("chunk"))).containsExactly("a");
        JsonNode deep = relations(alice, room, root, "/m.reference", "recurse=true").json();
        assertThat(bodies(deep.path("chunk"))).containsExactly("c", "b", "a");
        assertThat(deep.path("recursion_depth").asInt()).isEqualTo(3);
        JsonNode any = relations(alice, room, root, "", "recurse=true&limit=10").json();
        assertThat(bodies(any.path("chunk"))).containsExactly("x", "c", "b", "a");
        JsonNode shallow = relations(alice, room, c, "", "recurse=true").json();
        assertThat(bodies(shallow.path("chunk"))).containsExactly("d");
        assertThat(shallow.path("recursion_depth").asInt()).isEqualTo(2);
        assertThat(relations(alice, room, root, "", "recurse=false").json().has("recursion_depth")).isFalse();
    }

    @Test
    void childrenFollowHistoryVisibility() {
        String room = calls.createRoom(alice, "{\"preset\":\"public_chat\",\"initial_state\":[{\"type\":"
                + "\"m.room.history_visibility\",\"state_key\":\"\",\"content\":{\"history_visibility\":\"joined\"}}]}");
        String hidden = calls.text(alice, room, "before bob");
        calls.join(bob, room);
        String root = calls.text(alice, room, "root");
        relate(alice, room, root, "m.thread", "seen1");
        calls.leave(bob, room);
        relate(alice, room, root, "m.thread", "unseen");
        calls.join(bob, room);
        relate(alice, room, root, "m.thread", "seen2");

        assertThat(bodies(pageAll(bob, room, root, "", "limit=1"))).containsExactly("seen2", "seen1");
        assertThat(bodies(pageAll(alice, room, root, "", "limit=1"))).containsExactly("seen2", "unseen", "seen1");
        assertThat(relations(bob, room, hidden, "", "").errcode()).isEqualTo("M_NOT_FOUND");
        JsonNode bundled = calls.event(bob, room, root).json().path("unsigned").path("m.relations").path("m.thread");
        assertThat(bundled.path("count").asInt()).as("bob's aggregation counts what bob may see").isEqualTo(2);
    }

    @Test
    void bundlesThreadsReferencesAndLatestValidEdits() {
        String room = calls.createRoom(alice, "{\"preset\":\"public_chat\"}");
        calls.join(bob, room);
        calls.join(carol, room);
        String root = calls.text(alice, room, "root");
        relate(bob, room, root, "m.thread", "first");
        String latest = relate(bob, room, root, "m.thread", "second");
        String ref1 = relate(carol, room, root, "m.reference", "r1");
        String ref2 = relate(carol, room, root, "m.reference", "r2");
        calls.send(alice, room, "m.room.message", "{\"msgtype\":\"m.text\",\"body\":\"* edit1\",\"m.new_content\":"
                + "{\"msgtype\":\"m.text\",\"body\":\"edit1\"},\"m.relates_to\":{\"rel_type\":\"m.replace\",\"event_id\":\"" + root + "\"}}");
        String edit2 = calls.send(alice, room, "m.room.message", "{\"msgtype\":\"m.text\",\"body\":\"* edit2\",\"m.new_content\":"
                + "{\"msgtype\":\"m.text\",\"body\":\"edit2\"},\"m.relates_to\":{\"rel_type\":\"m.replace\",\"event_id\":\"" + root + "\"}}");
        // Invalid edits: another sender; no m.new_content.
        calls.send(bob, room, "m.room.message", "{\"msgtype\":\"m.text\",\"body\":\"* hijack\",\"m.new_content\":"
                + "{\"body\":\"hijack\"},\"m.relates_to\":{\"rel_type\":\"m.replace\",\"event_id\":\"" + root + "\"}}");
        calls.send(alice, room, "m.room.message", "{\"msgtype\":\"m.text\",\"body\":\"* bare\","
                + "\"m.relates_to\":{\"rel_type\":\"m.replace\",\"event_id\":\"" + root + "\"}}");
        // An edit of the thread's latest event, bundled one level down.
        String latestEdit = calls.send(bob, room, "m.room.message", "{\"msgtype\":\"m.text\",\"body\":\"* second!\",\"m.new_content\":"
                + "{\"msgtype\":\"m.text\",\"body\":\"second!\"},\"m.relates_to\":{\"rel_type\":\"m.replace\",\"event_id\":\"" + latest + "\"}}");

        for (JsonNode served : List.of(calls.event(alice, room, root).json(), find(calls.messages(alice, room,
                "dir=b&limit=50").json().path("chunk"), root))) {
            JsonNode relations = served.path("unsigned").path("m.relations");
            assertThat(served.path("content").path("body").asText()).as("content is never replaced").isEqualTo("root");
            JsonNode thread = relations.path("m.thread");
            assertThat(thread.path("count").asInt()).isEqualTo(2);
            assertThat(thread.path("latest_event").path("event_id").asText()).isEqualTo(latest);
            assertThat(thread.path("latest_event").path("unsigned").path("m.relations").path("m.replace").path("event_id")
                    .asText()).isEqualTo(latestEdit);
            assertThat(thread.path("current_user_participated").asBoolean()).as("alice sent the root").isTrue();
            assertThat(ids(relations.path("m.reference").path("chunk"))).containsExactly(ref1, ref2);
            assertThat(relations.path("m.replace").path("event_id").asText()).isEqualTo(edit2);
            assertThat(relations.path("m.replace").path("content").path("m.new_content").path("body").asText()).isEqualTo("edit2");
        }
        assertThat(calls.event(carol, room, root).json().path("unsigned").path("m.relations").path("m.thread")
                .path("current_user_participated").asBoolean()).isFalse();
        assertThat(calls.event(bob, room, root).json().path("unsigned").path("m.relations").path("m.thread")
                .path("current_user_participated").asBoolean()).isTrue();
        Reply threadOffThread = Http.call("PUT", calls.v3("/rooms/" + enc(room) + "/send/m.room.message/nested"), bob.accessToken(),
                "{\"body\":\"no\",\"m.relates_to\":{\"rel_type\":\"m.thread\",\"event_id\":\"" + latest + "\"}}");
        assertThat(threadOffThread.status()).isEqualTo(400);
        assertThat(threadOffThread.errcode()).isEqualTo("M_UNKNOWN");
        JsonNode context = Http.get(calls.v3("/rooms/" + enc(room) + "/context/" + enc(root) + "?limit=0"), alice.accessToken()).json();
        assertThat(context.path("event").path("unsigned").path("m.relations").path("m.thread").path("count").asInt()).isEqualTo(2);

        // Redacting a child breaks its relation; redacting the original drops its edits.
        assertThat(calls.redact(carol, room, ref1, "x1", "{}").status()).isEqualTo(200);
        assertThat(calls.redact(bob, room, latest, "x2", "{}").status()).isEqualTo(200);
        JsonNode after = calls.event(alice, room, root).json().path("unsigned").path("m.relations");
        assertThat(ids(after.path("m.reference").path("chunk"))).containsExactly(ref2);
        assertThat(after.path("m.thread").path("count").asInt()).isEqualTo(1);
        assertThat(bodies(pageAll(alice, room, root, "/m.thread", ""))).containsExactly("first");
        assertThat(calls.redact(alice, room, root, "x3", "{}").status()).isEqualTo(200);
        JsonNode redactedRoot = calls.event(alice, room, root).json().path("unsigned");
        assertThat(redactedRoot.path("m.relations").has("m.replace")).isFalse();
        assertThat(redactedRoot.path("m.relations").path("m.thread").path("count").asInt())
                .as("children of a redacted parent remain").isEqualTo(1);
    }

    /**
     * Events stored before a restart keep their bundled aggregations, whether their children came
     * before the restart or after it, in {@code /sync} timelines as in {@code /messages}.
     */
    @Test
    void eventsStoredBeforeARestartKeepTheirAggregations() {
        String room = calls.createRoom(alice, "{\"preset\":\"public_chat\"}");
        calls.join(bob, room);
        String root = calls.text(alice, room, "root");
        String reply = relate(bob, room, root, "m.thread", "before the restart");
        String other = calls.text(alice, room, "other");

        server.restart();
        String ref = relate(bob, room, other, "m.reference", "after the restart");
        String fresh = calls.text(alice, room, "fresh");
        String freshReply = relate(bob, room, fresh, "m.thread", "fresh reply");
        String lonely = calls.text(alice, room, "lonely");

        JsonNode timeline = calls.sync(alice, null, "filter=" + enc("{\"room\":{\"timeline\":{\"limit\":50}}}"))
                .path("rooms").path("join").path(room).path("timeline").path("events");
        for (JsonNode chunk : List.of(timeline, calls.messages(alice, room, "dir=b&limit=50").json().path("chunk"))) {
            assertThat(find(chunk, root).path("unsigned").path("m.relations").path("m.thread").path("latest_event")
                    .path("event_id").asText()).isEqualTo(reply);
            assertThat(ids(find(chunk, other).path("unsigned").path("m.relations").path("m.reference").path("chunk")))
                    .containsExactly(ref);
            assertThat(find(chunk, fresh).path("unsigned").path("m.relations").path("m.thread").path("latest_event")
                    .path("event_id").asText()).isEqualTo(freshReply);
            assertThat(find(chunk, lonely).path("unsigned").has("m.relations")).isFalse();
        }
    }

    private static JsonNode find(JsonNode chunk, String eventId) {
        for (JsonNode e : chunk) {
            if (e.path("event_id").asText().equals(eventId)) {
                return e;
            }
        }
        throw new AssertionError(eventId + " not in chunk");
    }
}
