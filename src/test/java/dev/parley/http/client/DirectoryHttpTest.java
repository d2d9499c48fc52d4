package dev.parley.http.client;

import static dev.parley.testing.UserClient.encode;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.DialectServerTest;
import dev.parley.testing.Http;
import dev.parley.testing.Http.Reply;
import dev.parley.testing.UserClient;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Room aliases, canonical alias checks, directory visibility and the published room directory, through a real server. */
class DirectoryHttpTest extends DialectServerTest {
    private UserClient alice;
    private UserClient bob;

    @BeforeEach
    void start() {
        alice = UserClient.register(server, "alice");
        bob = UserClient.register(server, "bob");
    }

    private Reply putAlias(UserClient user, String alias, String roomId) {
        return user.put("/v3/directory/room/" + encode(alias), "{\"room_id\":\"" + roomId + "\"}");
    }

    private Reply anonymous(String method, String path, String body) {
        return Http.call(method, server.baseUrl() + "/_matrix/client" + path, null, body);
    }

    private Reply setCanonical(UserClient user, String room, String content) {
        return user.put("/v3/rooms/" + encode(room) + "/state/m.room.canonical_alias/", content);
    }

    @Test
    void aliasesAreCreatedResolvedWithoutATokenAndRefusedWhenTaken() {
        String room = alice.createRoom("{}");
        assertThat(putAlias(alice, "#tea:test.local", room).status()).isEqualTo(200);

        Reply resolved = anonymous("GET", "/v3/directory/room/" + encode("#tea:test.local"), null);
        assertThat(resolved.status()).as(resolved.body()).isEqualTo(200);
        assertThat(resolved.json().path("room_id").asText()).isEqualTo(room);
        assertThat(resolved.json().path("servers").toString()).isEqualTo("[\"test.local\"]");

        Reply taken = putAlias(alice, "#tea:test.local", room);
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.errcode()).isEqualTo("M_UNKNOWN");
        Reply outsider = putAlias(bob, "#bobs:test.local", room);
        assertThat(outsider.status()).as("only members may alias a room").isEqualTo(403);
        assertThat(outsider.errcode()).isEqualTo("M_FORBIDDEN");
        assertThat(putAlias(alice, "#tea:elsewhere.example", room).errcode()).isEqualTo("M_INVALID_PARAM");
        assertThat(putAlias(alice, "tea", room).errcode()).isEqualTo("M_INVALID_PARAM");
        assertThat(putAlias(alice, "#other:test.local", "!nowhere:test.local").status()).isEqualTo(404);
        assertThat(putAlias(alice, "#other:test.local", "not-a-room").errcode()).isEqualTo("M_INVALID_PARAM");
        assertThat(alice.put("/v3/directory/room/" + encode("#other:test.local"), "{}").errcode()).isEqualTo("M_MISSING_PARAM");
        assertThat(anonymous("PUT", "/v3/directory/room/" + encode("#x:test.local"), "{\"room_id\":\"" + room + "\"}").status())
                .isEqualTo(401);

        Reply unknown = anonymous("GET", "/v3/directory/room/" + encode("#nothing:test.local"), null);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.errcode()).isEqualTo("M_NOT_FOUND");
        assertThat(anonymous("GET", "/v3/directory/room/" + encode("#far:elsewhere.example"), null).errcode())
                .isEqualTo("M_NOT_FOUND");
        assertThat(anonymous("GET", "/v3/directory/room/" + encode("no-sigil"), null).errcode()).isEqualTo("M_INVALID_PARAM");
        assertThat(alice.post("/v3/join/" + encode("#tea:test.local"), "{}").status()).isEqualTo(200);
    }

    @Test
    void aliasesAreDeletedByTheirCreatorOrARoomModerator() {
        String room = alice.createRoom("{\"preset\":\"public_chat\"}");
        bob.join(room);
        assertThat(putAlias(alice, "#alices:test.local", room).status()).isEqualTo(200);
        assertThat(putAlias(bob, "#bobs:test.local", room).status()).isEqualTo(200);
        assertThat(putAlias(bob, "#bobs2:test.local", room).status()).isEqualTo(200);

        Reply notHis = bob.delete("/v3/directory/room/" + encode("#alices:test.local"));
        assertThat(notHis.status()).isEqualTo(403);
        assertThat(notHis.errcode()).isEqualTo("M_FORBIDDEN");
        assertThat(bob.delete("/v3/directory/room/" + encode("#bobs:test.local")).status()).isEqualTo(200);
        assertThat(alice.delete("/v3/directory/room/" + encode("#bobs2:test.local")).status())
                .as("a user who may set the canonical alias may delete any alias").isEqualTo(200);
        Reply gone = alice.delete("/v3/directory/room/" + encode("#bobs:test.local"));
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.errcode()).isEqualTo("M_NOT_FOUND");
        assertThat(alice.delete("/v3/directory/room/" + encode("#x:elsewhere.example")).errcode()).isEqualTo("M_INVALID_PARAM");
        assertThat(anonymous("GET", "/v3/directory/room/" + encode("#bobs:test.local"), null).status()).isEqualTo(404);

        Reply list = alice.get("/v3/rooms/" + encode(room) + "/aliases");
        assertThat(list.json().path("aliases").toString()).isEqualTo("[\"#alices:test.local\"]");
    }

    @Test
    void localAliasesAreForMembersUnlessTheRoomIsWorldReadable() {
        String room = alice.createRoom("{}");
        putAlias(alice, "#b:test.local", room);
        putAlias(alice, "#a:test.local", room);
        assertThat(alice.get("/v3/rooms/" + encode(room) + "/aliases").json().path("aliases").toString())
                .isEqualTo("[\"#a:test.local\",\"#b:test.local\"]");
        Reply outsider = bob.get("/v3/rooms/" + encode(room) + "/aliases");
        assertThat(outsider.status()).isEqualTo(403);
        assertThat(outsider.errcode()).isEqualTo("M_FORBIDDEN");
        assertThat(bob.get("/v3/rooms/" + encode("!unknown:test.local") + "/aliases").status()).isEqualTo(403);

        alice.put("/v3/rooms/" + encode(room) + "/state/m.room.history_visibility/", "{\"history_visibility\":\"world_readable\"}");
        Reply readable = bob.get("/v3/rooms/" + encode(room) + "/aliases");
        assertThat(readable.status()).isEqualTo(200);
        assertThat(readable.json().path("aliases")).hasSize(2);
        String empty = alice.createRoom("{}");
        assertThat(alice.get("/v3/rooms/" + encode(empty) + "/aliases").json().path("aliases")).isEmpty();
    }

    @Test
    void canonicalAliasesMustPointToTheRoom() {
        String room = alice.createRoom("{}");
        String other = alice.createRoom("{}");
        putAlias(alice, "#main:test.local", room);
        putAlias(alice, "#alt:test.local", room);
        putAlias(alice, "#elsewhere:test.local", other);

        assertThat(setCanonical(alice, room, "{\"alias\":\"#main:test.local\",\"alt_aliases\":[\"#alt:test.local\"]}").status())
                .isEqualTo(200);
        Reply unknown = setCanonical(alice, room, "{\"alias\":\"#missing:test.local\"}");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.errcode()).isEqualTo("M_BAD_ALIAS");
        assertThat(setCanonical(alice, room, "{\"alias\":\"#elsewhere:test.local\"}").errcode()).isEqualTo("M_BAD_ALIAS");
        assertThat(setCanonical(alice, room, "{\"alias\":\"#main:test.local\",\"alt_aliases\":[\"#alt:test.local\","
                + "\"#elsewhere:test.local\"]}").errcode()).isEqualTo("M_BAD_ALIAS");
        assertThat(setCanonical(alice, room, "{\"alias\":\"no sigil\"}").errcode()).isEqualTo("M_INVALID_PARAM");
        assertThat(setCanonical(alice, room, "{\"alt_aliases\":\"#alt:test.local\"}").errcode()).isEqualTo("M_INVALID_PARAM");
        Reply createWithBad = alice.post("/v3/createRoom", "{\"initial_state\":[{\"type\":\"m.room.canonical_alias\","
                + "\"state_key\":\"\",\"content\":{\"alias\":\"#main:test.local\"}}]}");
        assertThat(createWithBad.errcode()).as("initial_state is checked too").isEqualTo("M_BAD_ALIAS");
        assertThat(alice.get("/v3/rooms/" + encode(room) + "/state/m.room.canonical_alias/").json().path("alias").asText())
                .as("refused events change nothing").isEqualTo("#main:test.local");

        // Deleting a listed alias takes it out of the canonical alias event.
        assertThat(alice.delete("/v3/directory/room/" + encode("#alt:test.local")).status()).isEqualTo(200);
        JsonNode canonical = alice.get("/v3/rooms/" + encode(room) + "/state/m.room.canonical_alias/").json();
        assertThat(canonical.path("alias").asText()).isEqualTo("#main:test.local");
        assertThat(canonical.path("alt_aliases")).isEmpty();
        assertThat(alice.delete("/v3/directory/room/" + encode("#main:test.local")).status()).isEqualTo(200);
        assertThat(alice.get("/v3/rooms/" + encode(room) + "/state/m.room.canonical_alias/").json().has("alias")).isFalse();
        // Aliases that vanished do not block later changes that leave them alone.
        assertThat(setCanonical(alice, room, "{}").status()).isEqualTo(200);
    }

    @Test
    void directoryVisibilityIsReadByAnyoneAndSetByModerators() {
        String room = alice.createRoom("{\"preset\":\"public_chat\"}");
        String path = "/v3/directory/list/room/" + encode(room);
        assertThat(anonymous("GET", path, null).json().path("visibility").asText()).isEqualTo("private");
        String listed = alice.createRoom("{\"visibility\":\"public\"}");
        assertThat(anonymous("GET", "/v3/directory/list/room/" + encode(listed), null).json().path("visibility").asText())
                .isEqualTo("public");

        bob.join(room);
        Reply bobPublishes = bob.put(path, "{\"visibility\":\"public\"}");
        assertThat(bobPublishes.status()).isEqualTo(403);
        assertThat(bobPublishes.errcode()).isEqualTo("M_FORBIDDEN");
        assertThat(alice.put(path, "{}").status()).as("visibility defaults to public").isEqualTo(200);
        assertThat(anonymous("GET", path, null).json().path("visibility").asText()).isEqualTo("public");
        assertThat(alice.put(path, "{\"visibility\":\"private\"}").status()).isEqualTo(200);
        assertThat(anonymous("GET", path, null).json().path("visibility").asText()).isEqualTo("private");
        assertThat(alice.put(path, "{\"visibility\":\"secret\"}").errcode()).isEqualTo("M_INVALID_PARAM");
        assertThat(alice.put(path, "{\"visibility\":[\"public\"]}").errcode()).isEqualTo("M_BAD_JSON");

        Reply unknown = anonymous("GET", "/v3/directory/list/room/" + encode("!nowhere:test.local"), null);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.errcode()).isEqualTo("M_NOT_FOUND");
        assertThat(alice.put("/v3/directory/list/room/" + encode("!nowhere:test.local"), "{}").status()).isEqualTo(404);
    }

    @Test
    void publicRoomsListsPublishedRoomsLargestFirstWithTheirDetails() {
        UserClient carol = UserClient.register(server, "carol");
        String big = alice.createRoom("{\"visibility\":\"public\",\"name\":\"Big Tea\",\"room_alias_name\":\"big\","
                + "\"initial_state\":[{\"type\":\"m.room.avatar\",\"content\":{\"url\":\"mxc://test.local/pic\"}},"
                + "{\"type\":\"m.room.history_visibility\",\"content\":{\"history_visibility\":\"world_readable\"}}]}");
        bob.join(big);
        carol.join(big);
        String middle = bob.createRoom("{\"visibility\":\"public\",\"initial_state\":"
                + "[{\"type\":\"m.room.topic\",\"content\":{\"topic\":\"fallback\",\"m.topic\":{\"m.text\":"
                + "[{\"mimetype\":\"text/html\",\"body\":\"<b>html</b>\"},{\"body\":\"Coffee talk\"}]}}}]}");
        carol.join(middle);
        String space = carol.createRoom("{\"visibility\":\"public\",\"name\":\"A space\",\"creation_content\":{\"type\":\"m.space\"}}");
        alice.createRoom("{\"name\":\"Hidden tea\"}");

        Reply all = anonymous("GET", "/v3/publicRooms", null);
        assertThat(all.status()).as(all.body()).isEqualTo(200);
        assertThat(ids(all)).containsExactly(big, middle, space);
        assertThat(all.json().path("total_room_count_estimate").asInt()).isEqualTo(3);
        assertThat(all.json().has("next_batch")).isFalse();
        assertThat(all.json().has("prev_batch")).isFalse();
        JsonNode first = all.json().path("chunk").get(0);
        assertThat(first.path("name").asText()).isEqualTo("Big Tea");
        assertThat(first.path("canonical_alias").asText()).isEqualTo("#big:test.local");
        assertThat(first.path("num_joined_members").asInt()).isEqualTo(3);
        assertThat(first.path("world_readable").asBoolean()).isTrue();
        assertThat(first.path("guest_can_join").asBoolean()).isFalse();
        assertThat(first.path("join_rule").asText()).isEqualTo("public");
        assertThat(first.path("avatar_url").asText()).isEqualTo("mxc://test.local/pic");
        assertThat(first.has("room_type")).isFalse();
        assertThat(first.has("topic")).isFalse();
        JsonNode second = all.json().path("chunk").get(1);
        assertThat(second.path("topic").asText()).as("the text/plain representation").isEqualTo("Coffee talk");
        assertThat(second.path("world_readable").asBoolean()).isFalse();
        assertThat(second.has("name")).isFalse();
        assertThat(all.json().path("chunk").get(2).path("room_type").asText()).isEqualTo("m.space");

        // Paging one room at a time, forwards then backwards.
        Reply page1 = anonymous("GET", "/v3/publicRooms?limit=1", null);
        assertThat(ids(page1)).containsExactly(big);
        assertThat(page1.json().has("prev_batch")).isFalse();
        Reply page2 = anonymous("GET", "/v3/publicRooms?limit=1&since=" + page1.json().path("next_batch").asText(), null);
        assertThat(ids(page2)).containsExactly(middle);
        Reply page3 = anonymous("GET", "/v3/publicRooms?limit=1&since=" + page2.json().path("next_batch").asText(), null);
        assertThat(ids(page3)).containsExactly(space);
        assertThat(page3.json().has("next_batch")).isFalse();
        Reply back = anonymous("GET", "/v3/publicRooms?limit=1&since=" + page3.json().path("prev_batch").asText(), null);
        assertThat(ids(back)).containsExactly(middle);
        assertThat(anonymous("GET", "/v3/publicRooms?since=bogus", null).errcode()).isEqualTo("M_INVALID_PARAM");
        assertThat(anonymous("GET", "/v3/publicRooms?limit=many", null).errcode()).isEqualTo("M_INVALID_PARAM");
        assertThat(anonymous("GET", "/v3/publicRooms?limit=0", null).errcode()).isEqualTo("M_INVALID_PARAM");
        assertThat(ids(anonymous("GET", "/v3/publicRooms?server=test.local", null))).hasSize(3);
        Reply remote = anonymous("GET", "/v3/publicRooms?server=elsewhere.example", null);
        assertThat(remote.status()).isEqualTo(503);
        assertThat(remote.errcode()).isEqualTo("M_UNKNOWN");
        assertThat(anonymous("GET", "/v3/publicRooms?server=bad%20name", null).errcode()).isEqualTo("M_INVALID_PARAM");
    }

    @Test
    void publicRoomsCanBeFilteredBySearchTermAndRoomType() {
        String tea = alice.createRoom("{\"visibility\":\"public\",\"name\":\"Tea Room\"}");
        String coffee = alice.createRoom("{\"visibility\":\"public\",\"topic\":\"all about COFFEE\"}");
        String space = alice.createRoom("{\"visibility\":\"public\",\"name\":\"Drinks\",\"room_alias_name\":\"teaspace\","
                + "\"creation_content\":{\"type\":\"m.space\"}}");

        assertThat(ids(alice.post("/v3/publicRooms", "{\"filter\":{\"generic_search_term\":\"tea\"}}")))
                .containsExactlyInAnyOrder(tea, space);
        assertThat(ids(alice.post("/v3/publicRooms", "{\"filter\":{\"generic_search_term\":\"coffee\"}}"))).containsExactly(coffee);
        assertThat(ids(alice.post("/v3/publicRooms", "{\"filter\":{\"room_types\":[\"m.space\"]}}"))).containsExactly(space);
        assertThat(ids(alice.post("/v3/publicRooms", "{\"filter\":{\"room_types\":[null]}}")))
                .containsExactlyInAnyOrder(tea, coffee);
        assertThat(ids(alice.post("/v3/publicRooms", "{\"filter\":{\"room_types\":[]}}"))).hasSize(3);
        Reply both = alice.post("/v3/publicRooms", "{\"limit\":1,\"filter\":{\"generic_search_term\":\"TEA\",\"room_types\":[null]}}");
        assertThat(ids(both)).containsExactly(tea);
        assertThat(both.json().path("total_room_count_estimate").asInt()).isEqualTo(1);
        assertThat(both.json().has("next_batch")).isFalse();

        Reply paged = alice.post("/v3/publicRooms", "{\"limit\":2}");
        assertThat(ids(paged)).hasSize(2);
        Reply rest = alice.post("/v3/publicRooms", "{\"limit\":2,\"since\":\"" + paged.json().path("next_batch").asText() + "\"}");
        assertThat(ids(rest)).hasSize(1).doesNotContainAnyElementsOf(ids(paged));
        assertThat(ids(alice.post("/v3/publicRooms", "{\"third_party_instance_id\":\"irc\"}"))).isEmpty();
        assertThat(ids(alice.post("/v3/publicRooms", "{\"include_all_networks\":true}"))).hasSize(3);
        assertThat(alice.post("/v3/publicRooms", "{\"limit\":\"ten\"}").errcode()).isEqualTo("M_BAD_JSON");
        assertThat(alice.post("/v3/publicRooms?server=elsewhere.example", "{}").status()).isEqualTo(503);
        assertThat(anonymous("POST", "/v3/publicRooms", "{}").status()).isEqualTo(401);
    }

    private static List<String> ids(Reply reply) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        reply.json().path("chunk").forEach(c -> ids.add(c.path("room_id").asText()));
        return ids;
    }
}
