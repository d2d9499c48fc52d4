package dev.parley.http.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.DialectServerTest;
import dev.parley.testing.Http;
import dev.parley.testing.Http.Reply;
import dev.parley.testing.TestUsers.User;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Sliding sync's {@code tags} and {@code not_tags} list filters (MSC3575, read by MSC4186) over
 * {@code m.tag} room account data, and what a new window shows after the state changed.
 */
class SlidingSyncTagsHttpTest extends DialectServerTest {
    private static final String PATH = "/_matrix/client/unstable/org.matrix.simplified_msc3575/sync";

    SlidingSyncTagsHttpTest() {
        super(1);
    }

    private JsonNode slide(String pos, String body) {
        Reply reply = Http.call("POST", server.baseUrl() + PATH + (pos == null ? "" : "?pos=" + enc(pos)),
                alice.accessToken(), body);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json();
    }

    private void tag(String room, String tags) {
        Reply reply = Http.call("PUT", calls.v3("/user/" + enc(alice.userId()) + "/rooms/" + enc(room)
                + "/account_data/m.tag"), alice.accessToken(), "{\"tags\":{" + tags + "}}");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    }

    private static String list(String name, String filters) {
        return "\"" + name + "\":{\"ranges\":[[0,9]],\"timeline_limit\":0,\"required_state\":[],\"filters\":" + filters + "}";
    }

    /** The rooms of the response that list {@code name} among their lists. */
    private static List<String> roomsOf(JsonNode response, String name) {
        List<String> out = new ArrayList<>();
        response.path("rooms").properties().forEach(room -> room.getValue().path("lists").forEach(l -> {
            if (l.asText().equals(name)) {
                out.add(room.getKey());
            }
        }));
        return out;
    }

    @Test
    void tagsSelectRoomsWithAnyOfThemAndNotTagsExcludeFirst() {
        String favourite = calls.createRoom(alice, "{\"name\":\"fav\"}");
        String work = calls.createRoom(alice, "{\"name\":\"work\"}");
        String both = calls.createRoom(alice, "{\"name\":\"both\"}");
        String plain = calls.createRoom(alice, "{\"name\":\"plain\"}");
        tag(favourite, "\"m.favourite\":{\"order\":0.5}");
        tag(work, "\"u.work\":{}");
        tag(both, "\"m.favourite\":{},\"m.lowpriority\":{}");
        String body = "{\"lists\":{"
                + list("favs", "{\"tags\":[\"m.favourite\"]}") + ","
                + list("anyTag", "{\"tags\":[\"m.favourite\",\"u.work\"]}") + ","
                + list("favsNotLow", "{\"tags\":[\"m.favourite\"],\"not_tags\":[\"m.lowpriority\"]}") + ","
                + list("notFavs", "{\"not_tags\":[\"m.favourite\"]}") + ","
                + list("everything", "{\"tags\":[]}") + "}}";
        JsonNode response = slide(null, body);
        JsonNode lists = response.path("lists");
        assertThat(lists.path("favs").path("count").asInt()).isEqualTo(2);
        assertThat(roomsOf(response, "favs")).containsExactlyInAnyOrder(favourite, both);
        assertThat(roomsOf(response, "anyTag")).containsExactlyInAnyOrder(favourite, work, both);
        assertThat(roomsOf(response, "favsNotLow")).containsExactly(favourite);
        assertThat(roomsOf(response, "notFavs")).containsExactlyInAnyOrder(work, plain);
        assertThat(lists.path("everything").path("count").asInt()).isEqualTo(4);

        // Untagging moves the room out of the list on the connection's next response.
        tag(both, "");
        JsonNode next = slide(response.path("pos").asText(), body);
        assertThat(next.path("lists").path("favs").path("count").asInt()).isEqualTo(1);
        assertThat(next.path("lists").path("notFavs").path("count").asInt()).isEqualTo(3);
    }

    @Test
    void malformedTagFiltersAreBadJson() {
        Reply reply = Http.call("POST", server.baseUrl() + PATH, alice.accessToken(),
                "{\"lists\":{" + list("l", "{\"tags\":\"m.favourite\"}") + "}}");
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().path("errcode").asText()).isEqualTo("M_BAD_JSON");
    }

    @Test
    void aNewWindowShowsStateAndMembersAsTheyAreNow() {
        User bob = register("bob");
        String room = calls.createRoom(alice, "{\"preset\":\"public_chat\",\"name\":\"Before\"}");
        String body = "{\"lists\":{\"all\":{\"ranges\":[[0,9]],\"timeline_limit\":1,"
                + "\"required_state\":[[\"m.room.name\",\"\"],[\"m.room.topic\",\"\"]]}}}";
        JsonNode first = slide(null, body).path("rooms").path(room);
        assertThat(first.path("name").asText()).isEqualTo("Before");
        assertThat(first.path("joined_count").asInt()).isEqualTo(1);

        Reply rename = Http.call("PUT", calls.v3("/rooms/" + enc(room) + "/state/m.room.name"),
                alice.accessToken(), "{\"name\":\"After\"}");
        assertThat(rename.status()).isEqualTo(200);
        Reply topic = Http.call("PUT", calls.v3("/rooms/" + enc(room) + "/state/m.room.topic"),
                alice.accessToken(), "{\"topic\":\"new topic\"}");
        assertThat(topic.status()).isEqualTo(200);
        calls.join(bob, room);

        JsonNode fresh = slide(null, body).path("rooms").path(room);
        assertThat(fresh.path("name").asText()).isEqualTo("After");
        assertThat(fresh.path("joined_count").asInt()).isEqualTo(2);
        List<String> topics = new ArrayList<>();
        fresh.path("required_state").forEach(e -> {
            if (e.path("type").asText().equals("m.room.topic")) {
                topics.add(e.path("content").path("topic").asText());
            }
        });
        assertThat(topics).containsExactly("new topic");
    }
}
