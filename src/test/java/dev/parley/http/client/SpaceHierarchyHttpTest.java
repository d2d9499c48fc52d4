package dev.parley.http.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.DialectServerTest;
import dev.parley.testing.Http;
import dev.parley.testing.Http.Reply;
import dev.parley.testing.TestUsers.User;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code GET /_matrix/client/v1/rooms/{roomId}/hierarchy} through a real server. */
class SpaceHierarchyHttpTest extends DialectServerTest {
    private String via;
    /** The space tree most tests read: space -> one, secret, restricted, sub; sub -> four, space (a loop). */
    private String space;
    private String one;
    private String secret;
    private String restricted;
    private String sub;
    private String four;

    SpaceHierarchyHttpTest() {
        super(2); // alice and bob
    }

    @BeforeEach
    void start() {
        via = alice.userId().substring(alice.userId().indexOf(':') + 1);
        space = calls.createRoom(alice, "{\"preset\":\"public_chat\",\"name\":\"The Space\",\"creation_content\":{\"type\":\"m.space\"}}");
        one = calls.createRoom(alice, "{\"preset\":\"public_chat\",\"name\":\"One\",\"topic\":\"first room\"}");
        secret = calls.createRoom(alice, "{\"preset\":\"private_chat\",\"name\":\"Secret\"}");
        restricted = calls.createRoom(alice, "{\"room_version\":\"10\",\"initial_state\":[{\"type\":\"m.room.join_rules\","
                + "\"state_key\":\"\",\"content\":{\"join_rule\":\"restricted\",\"allow\":[{\"type\":\"m.room_membership\","
                + "\"room_id\":\"" + space + "\"}]}}]}");
        sub = calls.createRoom(alice, "{\"preset\":\"public_chat\",\"name\":\"Sub\",\"creation_content\":{\"type\":\"m.space\"}}");
        four = calls.createRoom(alice, "{\"preset\":\"public_chat\",\"name\":\"Four\"}");
        child(space, one, "{\"via\":[\"" + via + "\"],\"order\":\"b\",\"suggested\":true}");
        child(space, secret, "{\"via\":[\"" + via + "\"],\"order\":\"a\"}");
        child(space, restricted, "{\"via\":[\"" + via + "\"],\"order\":\"c\"}");
        child(space, sub, "{\"via\":[\"" + via + "\"],\"suggested\":true}");
        child(sub, four, "{\"via\":[\"" + via + "\"]}");
        child(sub, space, "{\"via\":[\"" + via + "\"]}");
    }

    private void child(String parent, String childRoom, String content) {
        Reply r = Http.call("PUT", calls.v3("/rooms/" + enc(parent) + "/state/m.space.child/" + enc(childRoom)),
                alice.accessToken(), content);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    private Reply hierarchy(User user, String room, String query) {
        return Http.get(calls.v1("/rooms/" + enc(room) + "/hierarchy" + (query.isEmpty() ? "" : "?" + query)), user.accessToken());
    }

    private JsonNode rooms(User user, String room, String query) {
        Reply r = hierarchy(user, room, query);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().path("rooms");
    }

    private static List<String> roomIds(JsonNode rooms) {
        List<String> out = new ArrayList<>();
        rooms.forEach(r -> out.add(r.path("room_id").asText()));
        return out;
    }

    @Test
    void walksTheSpaceDepthFirstInChildOrderListingOnlyWhatTheRequesterMaySee() {
        JsonNode forAlice = rooms(alice, space, "");
        assertThat(roomIds(forAlice)).as("the loop back to the space is not followed twice")
                .containsExactly(space, secret, one, restricted, sub, four);
        assertThat(roomIds(rooms(bob, space, ""))).as("bob may not see the invite-only room, nor the restricted one")
                .containsExactly(space, one, sub, four);
        calls.join(bob, space);
        assertThat(roomIds(rooms(bob, space, ""))).as("in the space, bob may join the restricted room")
                .containsExactly(space, one, restricted, sub, four);

        JsonNode root = forAlice.get(0);
        assertThat(root.path("room_type").asText()).isEqualTo("m.space");
        assertThat(root.path("name").asText()).isEqualTo("The Space");
        assertThat(root.path("join_rule").asText()).isEqualTo("public");
        assertThat(root.path("num_joined_members").asInt()).isEqualTo(1);
        assertThat(root.path("world_readable").asBoolean()).isFalse();
        assertThat(root.path("guest_can_join").isBoolean()).isTrue();
        assertThat(root.path("room_version").isTextual()).isTrue();
        List<String> childKeys = new ArrayList<>();
        root.path("children_state").forEach(c -> {
            assertThat(c.path("type").asText()).isEqualTo("m.space.child");
            assertThat(c.path("origin_server_ts").isIntegralNumber()).isTrue();
            assertThat(c.path("sender").asText()).isEqualTo(alice.userId());
            assertThat(c.path("content").path("via").get(0).asText()).isEqualTo(via);
            assertThat(c.has("event_id")).as("stripped state").isFalse();
            childKeys.add(c.path("state_key").asText());
        });
        assertThat(childKeys).as("ordered by 'order', then the rest").containsExactly(secret, one, restricted, sub);

        JsonNode first = forAlice.get(2);
        assertThat(first.path("topic").asText()).isEqualTo("first room");
        assertThat(first.path("children_state").isArray()).isTrue();
        assertThat(first.path("children_state")).as("not a space").isEmpty();
        assertThat(first.has("room_type")).isFalse();
        JsonNode restrictedRoom = forAlice.get(3);
        assertThat(restrictedRoom.path("join_rule").asText()).isEqualTo("restricted");
        assertThat(restrictedRoom.path("room_version").asText()).isEqualTo("10");
        assertThat(restrictedRoom.path("allowed_room_ids").get(0).asText()).isEqualTo(space);
        assertThat(first.has("allowed_room_ids")).isFalse();
    }

    @Test
    void honoursSuggestedOnlyMaxDepthAndRemovedChildren() {
        JsonNode suggested = rooms(alice, space, "suggested_only=true");
        assertThat(roomIds(suggested)).containsExactly(space, one, sub);
        assertThat(suggested.get(0).path("children_state")).hasSize(2);
        assertThat(roomIds(rooms(alice, space, "max_depth=0"))).containsExactly(space);
        assertThat(roomIds(rooms(alice, space, "max_depth=1"))).containsExactly(space, secret, one, restricted, sub);
        assertThat(roomIds(rooms(alice, sub, ""))).as("from the sub-space, the loop leads back up")
                .containsExactly(sub, four, space, secret, one, restricted);

        child(space, restricted, "{}");
        assertThat(roomIds(rooms(alice, space, "max_depth=1"))).as("a child without via is removed")
                .containsExactly(space, secret, one, sub);

        String knock = calls.createRoom(alice, "{\"room_version\":\"7\",\"initial_state\":[{\"type\":\"m.room.join_rules\","
                + "\"state_key\":\"\",\"content\":{\"join_rule\":\"knock\"}}]}");
        String readable = calls.createRoom(alice, "{\"preset\":\"private_chat\",\"initial_state\":[{\"type\":"
                + "\"m.room.history_visibility\",\"state_key\":\"\",\"content\":{\"history_visibility\":\"world_readable\"}}]}");
        child(space, knock, "{\"via\":[\"" + via + "\"],\"order\":\"d\"}");
        child(space, readable, "{\"via\":[\"" + via + "\"],\"order\":\"e\"}");
        assertThat(roomIds(rooms(bob, space, "max_depth=1"))).as("knockable and world-readable rooms are listed")
                .containsExactly(space, one, knock, readable, sub);
        JsonNode readableRoot = rooms(bob, readable, "");
        assertThat(readableRoot.get(0).path("world_readable").asBoolean()).isTrue();
    }

    @Test
    void paginatesWithStableTokens() {
        List<String> seen = new ArrayList<>();
        String from = null;
        for (int page = 0; page < 10; page++) {
            Reply r = hierarchy(alice, space, "limit=2" + (from == null ? "" : "&from=" + enc(from)));
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            assertThat(r.json().path("rooms").size()).isLessThanOrEqualTo(2);
            seen.addAll(roomIds(r.json().path("rooms")));
            if (!r.json().has("next_batch")) {
                break;
            }
            from = r.json().path("next_batch").asText();
        }
        assertThat(seen).containsExactly(space, secret, one, restricted, sub, four);

        String token = hierarchy(alice, space, "limit=1&suggested_only=true").json().path("next_batch").asText();
        assertThat(roomIds(rooms(alice, space, "limit=1&suggested_only=true&from=" + enc(token)))).containsExactly(one);
        Reply changed = hierarchy(alice, space, "limit=1&from=" + enc(token));
        assertThat(changed.status()).isEqualTo(400);
        assertThat(changed.errcode()).isEqualTo("M_INVALID_PARAM");
        assertThat(hierarchy(alice, space, "suggested_only=true&max_depth=1&from=" + enc(token)).errcode())
                .isEqualTo("M_INVALID_PARAM");
    }

    @Test
    void refusesWhatTheRequesterMayNotSeeAndBadParameters() {
        Reply hidden = hierarchy(bob, secret, "");
        assertThat(hidden.status()).isEqualTo(403);
        assertThat(hidden.errcode()).isEqualTo("M_FORBIDDEN");
        assertThat(hierarchy(bob, "!unknown:" + via, "").errcode()).isEqualTo("M_FORBIDDEN");
        calls.join(bob, space);
        Reply ban = Http.call("POST", calls.v3("/rooms/" + enc(space) + "/ban"), alice.accessToken(),
                "{\"user_id\":\"" + bob.userId() + "\"}");
        assertThat(ban.status()).as(ban.body()).isEqualTo(200);
        assertThat(hierarchy(bob, space, "").errcode()).as("banned from a public space").isEqualTo("M_FORBIDDEN");

        Reply malformed = Http.get(calls.v1("/rooms/" + enc("not-a-room") + "/hierarchy"), alice.accessToken());
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.errcode()).isEqualTo("M_INVALID_PARAM");
        for (String query : List.of("limit=0", "limit=-1", "limit=x", "max_depth=-1", "max_depth=deep",
                "suggested_only=yes", "from=bogus", "from=h1_0")) {
            Reply r = hierarchy(alice, space, query);
            assertThat(r.status()).as(query).isEqualTo(400);
            assertThat(r.errcode()).as(query).isEqualTo("M_INVALID_PARAM");
        }
        assertThat(Http.get(calls.v1("/rooms/" + enc(space) + "/hierarchy")).errcode()).isEqualTo("M_MISSING_TOKEN");
        assertThat(rooms(alice, space, "limit=100000&max_depth=100000")).as("large values are capped").hasSize(6);
    }
}
