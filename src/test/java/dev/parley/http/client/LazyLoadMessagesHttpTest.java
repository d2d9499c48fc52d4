package dev.parley.http.client;

import static dev.parley.testing.RoomCalls.bodies;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.DialectServerTest;
import dev.parley.testing.Http;
import dev.parley.testing.Http.Reply;
import dev.parley.testing.TestUsers.User;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * {@code /messages} with {@code lazy_load_members} (Client-Server API, "Lazy-loading room
 * members"): {@code state} carries the membership of each sender in {@code chunk} as it was at
 * their event. Parley never drops "redundant" members, which the spec allows, so
 * {@code include_redundant_members} changes nothing.
 */
class LazyLoadMessagesHttpTest extends DialectServerTest {
    private static final String MESSAGES_ONLY = "\"types\":[\"m.room.message\"]";

    LazyLoadMessagesHttpTest() {
        super(3); // alice, bob and carol
    }

    private void rename(User user, String room, String name) {
        Reply r = Http.call("PUT", calls.v3("/rooms/" + enc(room) + "/state/m.room.member/" + enc(user.userId())),
                user.accessToken(), "{\"membership\":\"join\",\"displayname\":\"" + name + "\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    private JsonNode page(String room, String query, String filter) {
        Reply r = calls.messages(alice, room, query + "&filter=" + enc(filter));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    /** Each member event in {@code state}: user ID to display name. */
    private static Map<String, String> members(JsonNode page) {
        Map<String, String> out = new TreeMap<>();
        page.path("state").forEach(e -> {
            assertThat(e.path("type").asText()).isEqualTo("m.room.member");
            out.put(e.path("state_key").asText(), e.path("content").path("displayname").asText());
        });
        return out;
    }

    @Test
    void stateHoldsEachSendersMembershipAtTheirEvent() {
        String room = calls.createRoom(alice, "{\"preset\":\"public_chat\"}");
        calls.join(bob, room);
        calls.join(carol, room);
        rename(bob, room, "Bob One");
        calls.text(bob, room, "b1");
        rename(bob, room, "Bob Two");
        calls.text(bob, room, "b2");
        calls.text(alice, room, "a1");

        String lazy = "{\"lazy_load_members\":true," + MESSAGES_ONLY + "}";
        JsonNode newest = page(room, "dir=b&limit=2", lazy);
        assertThat(bodies(newest.path("chunk"))).containsExactly("a1", "b2");
        assertThat(members(newest)).as("carol sent nothing in the chunk")
                .isEqualTo(Map.of(alice.userId(), "alice", bob.userId(), "Bob Two"));
        JsonNode older = page(room, "dir=b&limit=1&from=" + enc(newest.path("end").asText()), lazy);
        assertThat(bodies(older.path("chunk"))).containsExactly("b1");
        assertThat(members(older)).as("bob's name when he sent b1").isEqualTo(Map.of(bob.userId(), "Bob One"));

        JsonNode redundant = page(room, "dir=b&limit=2",
                "{\"lazy_load_members\":true,\"include_redundant_members\":true," + MESSAGES_ONLY + "}");
        assertThat(members(redundant)).isEqualTo(members(newest));
        JsonNode forwards = page(room, "dir=f&limit=50", lazy);
        assertThat(bodies(forwards.path("chunk"))).containsExactly("b1", "b2", "a1");
        assertThat(forwards.path("state")).as("one membership per sender, at their latest event in the chunk").hasSize(2);
        assertThat(members(forwards)).containsEntry(bob.userId(), "Bob Two");

        assertThat(page(room, "dir=b&limit=2", "{" + MESSAGES_ONLY + "}").has("state")).as("not lazy loading").isFalse();
        assertThat(page(room, "dir=b&limit=2", "{\"include_redundant_members\":true}").has("state"))
                .as("include_redundant_members alone does not lazy-load").isFalse();
        JsonNode nothing = page(room, "dir=b&limit=5", "{\"lazy_load_members\":true,\"types\":[\"org.example.none\"]}");
        assertThat(nothing.path("chunk")).isEmpty();
        assertThat(nothing.path("state")).isEmpty();
    }

    @Test
    void refusesMalformedFilterFlags() {
        String room = calls.createRoom(alice, "{}");
        for (String filter : new String[] {"{\"lazy_load_members\":\"yes\"}", "{\"include_redundant_members\":1}"}) {
            Reply r = calls.messages(alice, room, "dir=b&filter=" + enc(filter));
            assertThat(r.status()).as(filter).isEqualTo(400);
            assertThat(r.errcode()).as(filter).isEqualTo("M_BAD_JSON");
        }
        assertThat(calls.messages(alice, room, "dir=b&filter=" + enc("{not json")).errcode()).isEqualTo("M_NOT_JSON");
        assertThat(calls.messages(bob, room, "dir=b&filter=" + enc("{\"lazy_load_members\":true}")).errcode())
                .as("not a member").isEqualTo("M_FORBIDDEN");
    }
}
