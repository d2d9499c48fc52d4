package dev.parley.http.client;

import static dev.parley.testing.RoomCalls.bodies;
import static dev.parley.testing.RoomCalls.ids;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.testing.DialectServerTest;
import dev.parley.testing.Http;
import dev.parley.testing.Http.Reply;
import dev.parley.testing.TestUsers.User;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** {@code /messages}, {@code /context} and {@code /timestamp_to_event} through a real server. */
class HistoryHttpTest extends DialectServerTest {
    HistoryHttpTest() {
        super(3); // alice, bob and carol
    }

    @Override
    protected void configure(ObjectNode yaml) {
        yaml.withObject("registration").put("allow_guests", true);
    }

    private List<String> sendTexts(User user, String room, int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(calls.text(user, room, "m" + i));
        }
        return ids;
    }

    @Test
    void paginatesBothWaysAcrossPageBoundariesWithoutGapsOrDuplicates() {
        String room = calls.createRoom(alice, "{\"preset\":\"public_chat\"}");
        sendTexts(alice, room, 25);
        List<String> expected = IntStream.range(0, 25).mapToObj(i -> "m" + i).toList();

        List<JsonNode> backwards = calls.paginateAll(alice, room, "b", 7, null);
        assertThat(bodies(backwards)).containsExactlyElementsOf(expected.reversed());
        assertThat(backwards.getLast().path("type").asText()).as("history starts at the create event").isEqualTo("m.room.create");
        List<JsonNode> forwards = calls.paginateAll(alice, room, "f", 4, null);
        assertThat(bodies(forwards)).containsExactlyElementsOf(expected);
        List<String> forwardIds = ids(forwards);
        assertThat(new HashSet<>(forwardIds)).hasSameSizeAs(forwardIds);
        assertThat(forwardIds).containsExactlyElementsOf(ids(backwards).reversed());
        assertThat(forwards.getFirst().path("type").asText()).isEqualTo("m.room.create");

        // Page sizes that divide the history exactly still end, and limit caps every chunk.
        assertThat(ids(calls.paginateAll(alice, room, "b", 1, null))).containsExactlyElementsOf(ids(backwards));
        assertThat(ids(calls.paginateAll(alice, room, "b", 100, null))).containsExactlyElementsOf(ids(backwards));
        JsonNode first = calls.messages(alice, room, "dir=b").json();
        assertThat(first.path("chunk")).hasSize(10);
        assertThat(first.has("state")).isFalse();
        JsonNode event = first.path("chunk").get(0);
        assertThat(event.path("room_id").asText()).isEqualTo(room);
        assertThat(event.path("sender").asText()).isEqualTo(alice.userId());
        assertThat(event.has("unsigned")).isTrue();
        assertThat(event.has("hashes")).isFalse();
    }

    @Test
    void tokensFromEitherEndResumeAndStreamTokensAreAccepted() {
        String room = calls.createRoom(alice, "{}");
        sendTexts(alice, room, 10);
        // Forward through the room until just after m4.
        JsonNode page = calls.messages(alice, room, "dir=f&limit=100").json();
        List<String> all = ids(page.path("chunk"));
        int m4 = bodies(page.path("chunk")).indexOf("m4");
        int m4Index = all.size() - 10 + m4;
        JsonNode upToM4 = calls.messages(alice, room, "dir=f&limit=" + (m4Index + 1)).json();
        String afterM4 = upToM4.path("end").asText();
        assertThat(bodies(upToM4.path("chunk")).getLast()).isEqualTo("m4");

        assertThat(bodies(calls.messages(alice, room, "dir=f&limit=3&from=" + enc(afterM4)).json().path("chunk")))
                .containsExactly("m5", "m6", "m7");
        assertThat(bodies(calls.messages(alice, room, "dir=b&limit=3&from=" + enc(afterM4)).json().path("chunk")))
                .containsExactly("m4", "m3", "m2");
        // to: backwards from the end down to (not past) the gap after m4.
        JsonNode until = calls.messages(alice, room, "dir=b&limit=50&to=" + enc(afterM4)).json();
        assertThat(bodies(until.path("chunk"))).containsExactly("m9", "m8", "m7", "m6", "m5");
        assertThat(until.has("end")).isFalse();

        // A stream token (as sync hands out) names the same gap: "s<stream>", extra positions ignored.
        String stream = afterM4.substring(afterM4.indexOf('_') + 1);
        for (String token : List.of("s" + stream, "s" + stream + "_7_0_12")) {
            assertThat(bodies(calls.messages(alice, room, "dir=b&limit=2&from=" + enc(token)).json().path("chunk")))
                    .containsExactly("m4", "m3");
            assertThat(bodies(calls.messages(alice, room, "dir=f&limit=2&from=" + enc(token)).json().path("chunk")))
                    .containsExactly("m5", "m6");
        }
        assertThat(bodies(calls.messages(alice, room, "dir=b&limit=1&from=s999999999").json().path("chunk")))
                .containsExactly("m9");
    }

    @Test
    void filtersSelectTypesSendersAndUrls() {
        String room = calls.createRoom(alice, "{\"preset\":\"public_chat\"}");
        calls.join(bob, room);
        calls.join(carol, room);
        calls.text(alice, room, "a1");
        calls.text(bob, room, "b1");
        calls.send(bob, room, "m.room.message", "{\"msgtype\":\"m.image\",\"body\":\"pic\",\"url\":\"mxc://test.local/x\"}");
        calls.send(alice, room, "org.example.custom", "{\"x\":1}");
        calls.text(alice, room, "a2");

        assertThat(bodies(filtered(room, "{\"types\":[\"m.room.message\"],\"senders\":[\"" + bob.userId() + "\"]}")))
                .containsExactly("pic", "b1");
        assertThat(bodies(filtered(room, "{\"not_senders\":[\"" + bob.userId() + "\"],\"types\":[\"m.room.*\"]}")))
                .containsExactly("a2", "a1");
        assertThat(bodies(filtered(room, "{\"contains_url\":true}"))).containsExactly("pic");
        assertThat(bodies(filtered(room, "{\"contains_url\":false,\"types\":[\"m.room.message\"]}"))).containsExactly("a2", "b1", "a1");
        List<String> types = new ArrayList<>();
        filtered(room, "{\"not_types\":[\"m.room.*\"]}").forEach(e -> types.add(e.path("type").asText()));
        assertThat(types).containsExactly("org.example.custom");
        assertThat(filtered(room, "{\"not_rooms\":[\"" + room + "\"]}")).isEmpty();
        Reply limited = calls.messages(alice, room, "dir=b&filter=" + enc("{\"limit\":2}"));
        assertThat(limited.json().path("chunk")).as("the filter's limit applies without a limit parameter").hasSize(2);

        // Lazy loading: the memberships of the chunk's senders only (carol said nothing).
        JsonNode lazy = calls.messages(alice, room, "dir=b&limit=4&filter="
                + enc("{\"lazy_load_members\":true,\"types\":[\"m.room.message\"]}")).json();
        List<String> members = new ArrayList<>();
        lazy.path("state").forEach(e -> {
            assertThat(e.path("type").asText()).isEqualTo("m.room.member");
            members.add(e.path("state_key").asText());
        });
        assertThat(members).containsExactlyInAnyOrder(alice.userId(), bob.userId());
        assertThat(lazy.path("state").get(0).path("content").path("membership").asText()).isEqualTo("join");
    }

    private JsonNode filtered(String room, String filter) {
        Reply r = calls.messages(alice, room, "dir=b&limit=50&filter=" + enc(filter));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().path("chunk");
    }

    @Test
    void historyVisibilityLeavesOutWhatTheReaderMayNotSee() {
        String room = calls.createRoom(alice, "{\"preset\":\"public_chat\",\"initial_state\":[{\"type\":"
                + "\"m.room.history_visibility\",\"state_key\":\"\",\"content\":{\"history_visibility\":\"joined\"}}]}");
        calls.text(alice, room, "before bob");
        calls.join(bob, room);
        calls.text(alice, room, "while bob");
        calls.leave(bob, room);
        calls.text(alice, room, "after bob");

        List<JsonNode> seen = calls.paginateAll(bob, room, "b", 3, null);
        assertThat(bodies(seen)).containsExactly("while bob");
        List<String> memberships = new ArrayList<>();
        seen.stream().filter(e -> e.path("type").asText().equals("m.room.member") && e.path("state_key").asText().equals(bob.userId()))
                .forEach(e -> memberships.add(e.path("content").path("membership").asText()));
        assertThat(memberships).as("a user sees their own join and leave").containsExactly("leave", "join");
        // The room's opening state was sent under "shared" (the preset's) before the change to
        // "joined": bob, who joined later, sees it, including the change itself.
        assertThat(seen.getLast().path("type").asText()).isEqualTo("m.room.create");
        assertThat(bodies(calls.paginateAll(bob, room, "f", 2, null))).containsExactly("while bob");
        assertThat(bodies(calls.paginateAll(alice, room, "b", 50, null))).containsExactly("after bob", "while bob", "before bob");

        Reply outsider = calls.messages(carol, room, "dir=b");
        assertThat(outsider.status()).isEqualTo(403);
        assertThat(outsider.errcode()).isEqualTo("M_FORBIDDEN");
        assertThat(calls.messages(carol, "!nowhere:test.local", "dir=b").errcode()).isEqualTo("M_FORBIDDEN");
    }

    @Test
    void sharedHistoryIsVisibleToLaterMembersAndWorldReadableToEveryoneIncludingGuests() {
        String room = calls.createRoom(alice, "{\"preset\":\"public_chat\"}");
        calls.text(alice, room, "early");
        calls.join(bob, room);
        assertThat(bodies(calls.paginateAll(bob, room, "b", 5, null))).containsExactly("early");

        String guestToken = Http.call("POST", calls.v3("/register?kind=guest"), null, "{}").json().path("access_token").asText();
        User guest = new User("", guestToken, "");
        assertThat(calls.messages(guest, room, "dir=b").errcode()).isEqualTo("M_FORBIDDEN");
        assertThat(calls.messages(carol, room, "dir=b").status()).isEqualTo(403);
        Reply open = Http.call("PUT", calls.v3("/rooms/" + enc(room) + "/state/m.room.history_visibility/"), alice.accessToken(),
                "{\"history_visibility\":\"world_readable\"}");
        assertThat(open.status()).isEqualTo(200);
        calls.text(alice, room, "public");
        for (User reader : List.of(guest, carol)) {
            Reply r = calls.messages(reader, room, "dir=b&limit=50");
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            // Only what was sent while the room was world_readable (and the change itself).
            assertThat(bodies(r.json().path("chunk"))).containsExactly("public");
            assertThat(r.json().path("chunk").get(1).path("type").asText()).isEqualTo("m.room.history_visibility");
        }
        assertThat(calls.event(guest, room, calls.paginateAll(alice, room, "b", 50, null).get(0).path("event_id").asText())
                .status()).isEqualTo(200);
    }

    @Test
    void badParametersAreRefused() {
        String room = calls.createRoom(alice, "{}");
        assertThat(calls.messages(alice, room, "limit=5").errcode()).isEqualTo("M_MISSING_PARAM");
        assertThat(calls.messages(alice, room, "dir=x").errcode()).isEqualTo("M_INVALID_PARAM");
        assertThat(calls.messages(alice, room, "dir=b&from=bogus").errcode()).isEqualTo("M_INVALID_PARAM");
        assertThat(calls.messages(alice, room, "dir=b&from=t99999999999999999999_1").errcode()).isEqualTo("M_INVALID_PARAM");
        assertThat(calls.messages(alice, room, "dir=b&limit=-1").errcode()).isEqualTo("M_INVALID_PARAM");
        assertThat(calls.messages(alice, room, "dir=b&limit=ten").errcode()).isEqualTo("M_INVALID_PARAM");
        Reply notJson = calls.messages(alice, room, "dir=b&filter=" + enc("{nope"));
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.errcode()).isEqualTo("M_NOT_JSON");
        assertThat(calls.messages(alice, room, "dir=b&filter=" + enc("{\"types\":\"m.room.message\"}")).errcode())
                .isEqualTo("M_BAD_JSON");
        JsonNode empty = calls.messages(alice, room, "dir=b&limit=0").json();
        assertThat(empty.path("chunk")).isEmpty();
        assertThat(empty.path("end").asText()).isEqualTo(empty.path("start").asText());
        assertThat(Http.get(calls.v3("/rooms/" + enc(room) + "/messages?dir=b")).errcode()).isEqualTo("M_MISSING_TOKEN");
    }

    @Test
    void contextReturnsNeighboursTokensAndState() {
        String room = calls.createRoom(alice, "{\"preset\":\"public_chat\",\"name\":\"Ctx\"}");
        calls.join(bob, room);
        calls.join(carol, room);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ids.add(calls.text(i % 2 == 0 ? alice : bob, room, "m" + i));
        }
        Reply r = Http.get(calls.v3("/rooms/" + enc(room) + "/context/" + enc(ids.get(5)) + "?limit=4"), alice.accessToken());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode ctx = r.json();
        assertThat(ctx.path("event").path("event_id").asText()).isEqualTo(ids.get(5));
        assertThat(bodies(ctx.path("events_before"))).containsExactly("m4", "m3");
        assertThat(bodies(ctx.path("events_after"))).containsExactly("m6", "m7");
        assertThat(bodies(calls.messages(alice, room, "dir=b&limit=2&from=" + enc(ctx.path("start").asText()))
                .json().path("chunk"))).containsExactly("m2", "m1");
        assertThat(bodies(calls.messages(alice, room, "dir=f&limit=5&from=" + enc(ctx.path("end").asText()))
                .json().path("chunk"))).containsExactly("m8", "m9");
        List<String> stateTypes = new ArrayList<>();
        ctx.path("state").forEach(e -> stateTypes.add(e.path("type").asText()));
        assertThat(stateTypes).contains("m.room.create", "m.room.name", "m.room.power_levels");
        assertThat(stateTypes.stream().filter("m.room.member"::equals)).hasSize(3);

        JsonNode lazy = Http.get(calls.v3("/rooms/" + enc(room) + "/context/" + enc(ids.get(5)) + "?limit=2&filter="
                + enc("{\"lazy_load_members\":true}")), alice.accessToken()).json();
        List<String> members = new ArrayList<>();
        lazy.path("state").forEach(e -> {
            if (e.path("type").asText().equals("m.room.member")) {
                members.add(e.path("state_key").asText());
            }
        });
        assertThat(members).containsExactlyInAnyOrder(alice.userId(), bob.userId());
        JsonNode onlyAlice = Http.get(calls.v3("/rooms/" + enc(room) + "/context/" + enc(ids.get(5)) + "?limit=4&filter="
                + enc("{\"senders\":[\"" + alice.userId() + "\"]}")), alice.accessToken()).json();
        assertThat(bodies(onlyAlice.path("events_before"))).containsExactly("m4", "m2");
        assertThat(onlyAlice.path("event").path("content").path("body").asText()).as("the filter spares the event").isEqualTo("m5");

        assertThat(Http.get(calls.v3("/rooms/" + enc(room) + "/context/" + enc("$unknown:test.local")), alice.accessToken())
                .errcode()).isEqualTo("M_NOT_FOUND");
        assertThat(Http.get(calls.v3("/rooms/" + enc(room) + "/context/" + enc(ids.get(5)) + "?limit=x"), alice.accessToken())
                .errcode()).isEqualTo("M_INVALID_PARAM");
        String other = calls.createRoom(carol, "{}");
        String hidden = calls.text(carol, other, "secret");
        assertThat(Http.get(calls.v3("/rooms/" + enc(room) + "/context/" + enc(hidden)), alice.accessToken()).errcode())
                .as("an event of another room").isEqualTo("M_NOT_FOUND");
        assertThat(Http.get(calls.v3("/rooms/" + enc(other) + "/context/" + enc(hidden)), alice.accessToken()).status())
                .isEqualTo(403);
    }

    @Test
    void timestampToEventFindsTheClosestVisibleEventEachWay() throws InterruptedException {
        String room = calls.createRoom(alice, "{}");
        List<String> ids = new ArrayList<>();
        List<Long> stamps = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Thread.sleep(5);
            String id = calls.text(alice, room, "m" + i);
            ids.add(id);
            stamps.add(calls.event(alice, room, id).json().path("origin_server_ts").asLong());
        }
        assertThat(stamps.get(1)).isGreaterThan(stamps.get(0));
        JsonNode forward = timestamp(room, stamps.get(1) - 1, "f").json();
        assertThat(forward.path("event_id").asText()).isEqualTo(ids.get(1));
        assertThat(forward.path("origin_server_ts").asLong()).isEqualTo(stamps.get(1));
        assertThat(timestamp(room, stamps.get(1) + 1, "b").json().path("event_id").asText()).isEqualTo(ids.get(1));
        assertThat(timestamp(room, stamps.get(2), "f").json().path("event_id").asText()).isEqualTo(ids.get(2));
        Reply none = timestamp(room, stamps.get(2) + 60_000, "f");
        assertThat(none.status()).isEqualTo(404);
        assertThat(none.errcode()).isEqualTo("M_NOT_FOUND");
        assertThat(timestamp(room, 0, "b").errcode()).isEqualTo("M_NOT_FOUND");
        assertThat(Http.get(calls.v1("/rooms/" + enc(room) + "/timestamp_to_event?dir=f"), alice.accessToken()).errcode())
                .isEqualTo("M_MISSING_PARAM");
        assertThat(Http.get(calls.v1("/rooms/" + enc(room) + "/timestamp_to_event?ts=1"), alice.accessToken()).errcode())
                .isEqualTo("M_MISSING_PARAM");
        assertThat(Http.get(calls.v1("/rooms/" + enc(room) + "/timestamp_to_event?ts=x&dir=f"), alice.accessToken()).errcode())
                .isEqualTo("M_INVALID_PARAM");
        assertThat(Http.get(calls.v1("/rooms/" + enc(room) + "/timestamp_to_event?ts=1&dir=f"), bob.accessToken()).status())
                .isEqualTo(403);
    }

    private Reply timestamp(String room, long ts, String dir) {
        return Http.get(calls.v1("/rooms/" + enc(room) + "/timestamp_to_event?ts=" + ts + "&dir=" + dir), alice.accessToken());
    }
}
