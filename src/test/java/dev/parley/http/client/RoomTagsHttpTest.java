package dev.parley.http.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.DialectServerTest;
import dev.parley.testing.Http;
import dev.parley.testing.Http.Reply;
import dev.parley.testing.TestUsers.User;
import org.junit.jupiter.api.Test;

/** Room tagging (Client-Server API, "Room Tagging"): the endpoints and the {@code m.tag} account data they write. */
class RoomTagsHttpTest extends DialectServerTest {
    private static final String SLIDING = "/_matrix/client/unstable/org.matrix.simplified_msc3575/sync";

    RoomTagsHttpTest() {
        super(2);
    }

    private String tagsUrl(User owner, String room) {
        return url("/user/" + enc(owner.userId()) + "/rooms/" + enc(room) + "/tags");
    }

    private Reply put(User caller, User owner, String room, String tag, String body) {
        return Http.call("PUT", tagsUrl(owner, room) + "/" + enc(tag), caller.accessToken(), body);
    }

    private JsonNode roomAccountData(JsonNode sync, String room, String type) {
        for (JsonNode event : sync.path("rooms").path("join").path(room).path("account_data").path("events")) {
            if (event.path("type").asText().equals(type)) {
                return event.path("content");
            }
        }
        return null;
    }

    @Test
    void setTagIsReadBackSyncedAndDeleted() {
        String room = createRoom(alice, "{}");
        JsonNode initial = sync(alice, null, "");
        String since = initial.path("next_batch").asText();

        assertThat(put(alice, alice, room, "m.favourite", "{\"order\":0.25}").status()).isEqualTo(200);
        assertThat(put(alice, alice, room, "u.work", "{}").status()).isEqualTo(200);

        Reply read = Http.get(tagsUrl(alice, room), alice.accessToken());
        assertThat(read.status()).as(read.body()).isEqualTo(200);
        assertThat(read.json().path("tags").path("m.favourite").path("order").asDouble()).isEqualTo(0.25);
        assertThat(read.json().path("tags").has("u.work")).isTrue();

        JsonNode incremental = sync(alice, since, "");
        JsonNode tag = roomAccountData(incremental, room, "m.tag");
        assertThat(tag).as(incremental.toString()).isNotNull();
        assertThat(tag.path("tags").path("m.favourite").path("order").asDouble()).isEqualTo(0.25);
        assertThat(tag.path("tags").has("u.work")).isTrue();

        // The generic room account data endpoint reads the same event.
        Reply generic = Http.get(url("/user/" + enc(alice.userId()) + "/rooms/" + enc(room) + "/account_data/m.tag"),
                alice.accessToken());
        assertThat(generic.json().path("tags").has("m.favourite")).isTrue();

        Reply deleted = Http.call("DELETE", tagsUrl(alice, room) + "/m.favourite", alice.accessToken(), null);
        assertThat(deleted.status()).as(deleted.body()).isEqualTo(200);
        JsonNode after = Http.get(tagsUrl(alice, room), alice.accessToken()).json().path("tags");
        assertThat(after.has("m.favourite")).isFalse();
        assertThat(after.has("u.work")).isTrue();
        JsonNode later = sync(alice, incremental.path("next_batch").asText(), "");
        assertThat(roomAccountData(later, room, "m.tag").path("tags").has("m.favourite")).isFalse();

        // Deleting a tag the room does not carry is not an error.
        assertThat(Http.call("DELETE", tagsUrl(alice, room) + "/m.lowpriority", alice.accessToken(), null).status())
                .isEqualTo(200);
    }

    @Test
    void untaggedRoomHasNoTags() {
        String room = createRoom(alice, "{}");
        Reply read = Http.get(tagsUrl(alice, room), alice.accessToken());
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().path("tags").isObject()).isTrue();
        assertThat(read.json().path("tags").size()).isZero();
    }

    @Test
    void taggedRoomsFilterSlidingSyncLists() {
        String tagged = createRoom(alice, "{}");
        String other = createRoom(alice, "{}");
        assertThat(put(alice, alice, tagged, "m.lowpriority", "{\"order\":1}").status()).isEqualTo(200);
        Reply reply = Http.call("POST", server.baseUrl() + SLIDING, alice.accessToken(),
                "{\"lists\":{\"low\":{\"ranges\":[[0,9]],\"timeline_limit\":0,\"filters\":{\"tags\":[\"m.lowpriority\"]}}},"
                        + "\"extensions\":{\"account_data\":{\"enabled\":true}}}");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.json().path("lists").path("low").path("count").asInt()).isEqualTo(1);
        assertThat(reply.json().path("rooms").has(tagged)).isTrue();
        assertThat(reply.json().path("rooms").has(other)).isFalse();
        JsonNode roomData = reply.json().path("extensions").path("account_data").path("rooms").path(tagged);
        assertThat(roomData.toString()).contains("m.lowpriority");
    }

    @Test
    void anotherUsersTagsAreForbidden() {
        String room = createRoom(alice, "{}");
        assertThat(Http.get(tagsUrl(alice, room), bob.accessToken()).errcode()).isEqualTo("M_FORBIDDEN");
        Reply put = put(bob, alice, room, "u.x", "{}");
        assertThat(put.status()).isEqualTo(403);
        assertThat(put.errcode()).isEqualTo("M_FORBIDDEN");
        assertThat(Http.call("DELETE", tagsUrl(alice, room) + "/u.x", bob.accessToken(), null).errcode())
                .isEqualTo("M_FORBIDDEN");
    }

    @Test
    void badInputIsRejected() {
        String room = createRoom(alice, "{}");
        Reply tooHigh = put(alice, alice, room, "u.x", "{\"order\":1.5}");
        assertThat(tooHigh.status()).isEqualTo(400);
        assertThat(tooHigh.errcode()).isEqualTo("M_INVALID_PARAM");
        assertThat(put(alice, alice, room, "u.x", "{\"order\":-0.1}").errcode()).isEqualTo("M_INVALID_PARAM");
        assertThat(put(alice, alice, room, "u.x", "{\"order\":\"0.5\"}").errcode()).isEqualTo("M_BAD_JSON");
        assertThat(put(alice, alice, room, "u.x", "[1]").status()).isEqualTo(400);
        assertThat(put(alice, alice, room, "u.x", "not json").errcode()).isEqualTo("M_NOT_JSON");
        assertThat(put(alice, alice, room, "u." + "x".repeat(254), "{}").errcode()).isEqualTo("M_INVALID_PARAM");
        assertThat(Http.get(tagsUrl(alice, "not-a-room"), alice.accessToken()).errcode()).isEqualTo("M_INVALID_PARAM");
        // Nothing was stored by the rejected requests.
        assertThat(Http.get(tagsUrl(alice, room), alice.accessToken()).json().path("tags").size()).isZero();
    }
}
