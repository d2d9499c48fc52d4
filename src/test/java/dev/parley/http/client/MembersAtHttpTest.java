package dev.parley.http.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.DialectServerTest;
import dev.parley.testing.Http;
import dev.parley.testing.Http.Reply;
import dev.parley.testing.TestUsers.User;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** {@code GET /rooms/{roomId}/members?at=<token>}: the membership list as it was at a sync or pagination token. */
class MembersAtHttpTest extends DialectServerTest {
    MembersAtHttpTest() {
        super(3); // alice, bob and carol
    }

    private Reply members(User user, String room, String query) {
        return Http.get(calls.v3("/rooms/" + enc(room) + "/members" + (query.isEmpty() ? "" : "?" + query)), user.accessToken());
    }

    /** User ID to membership, as the chunk lists them. */
    private Map<String, String> memberships(User user, String room, String query) {
        Reply r = members(user, room, query);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        Map<String, String> out = new TreeMap<>();
        for (JsonNode event : r.json().path("chunk")) {
            out.put(event.path("state_key").asText(), event.path("content").path("membership").asText());
        }
        return out;
    }

    private String syncToken(User user) {
        Reply r = Http.get(server.baseUrl() + "/_matrix/client/v3/sync", user.accessToken());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().path("next_batch").asText();
    }

    @Test
    void listsTheMembershipAsOfTheTokenCombinedWithMembershipFilters() {
        String room = calls.createRoom(alice, "{\"preset\":\"public_chat\"}");
        String created = syncToken(alice);
        calls.join(bob, room);
        String bobJoined = syncToken(alice);
        String topological = calls.messages(alice, room, "dir=b&limit=1").json().path("start").asText();
        assertThat(topological).startsWith("t");
        calls.leave(bob, room);
        calls.join(carol, room);
        String now = syncToken(alice);

        assertThat(memberships(alice, room, "at=" + enc(created))).containsExactly(Map.entry(alice.userId(), "join"));
        assertThat(memberships(alice, room, "at=" + enc(bobJoined)))
                .isEqualTo(Map.of(alice.userId(), "join", bob.userId(), "join"));
        assertThat(memberships(alice, room, "at=" + enc(topological))).as("a /messages token")
                .isEqualTo(Map.of(alice.userId(), "join", bob.userId(), "join"));
        assertThat(memberships(alice, room, "at=" + enc(now)))
                .isEqualTo(Map.of(alice.userId(), "join", bob.userId(), "leave", carol.userId(), "join"));
        assertThat(memberships(alice, room, "")).isEqualTo(memberships(alice, room, "at=" + enc(now)));

        assertThat(memberships(alice, room, "at=" + enc(now) + "&not_membership=join")).containsOnlyKeys(bob.userId());
        assertThat(memberships(alice, room, "at=" + enc(bobJoined) + "&membership=join"))
                .containsOnlyKeys(alice.userId(), bob.userId());
        assertThat(memberships(alice, room, "at=" + enc(bobJoined) + "&not_membership=join")).isEmpty();
        assertThat(memberships(alice, room, "at=s0")).as("before the room existed").isEmpty();
    }

    @Test
    void aFormerMemberSeesNoFurtherThanTheirLeaving() {
        String room = calls.createRoom(alice, "{\"preset\":\"public_chat\"}");
        calls.join(bob, room);
        String bobJoined = syncToken(alice);
        calls.leave(bob, room);
        calls.join(carol, room);
        String now = syncToken(alice);

        assertThat(memberships(bob, room, "at=" + enc(now))).as("carol joined after bob left")
                .isEqualTo(Map.of(alice.userId(), "join", bob.userId(), "leave"));
        assertThat(memberships(bob, room, "at=" + enc(bobJoined)))
                .isEqualTo(Map.of(alice.userId(), "join", bob.userId(), "join"));
    }

    @Test
    void refusesBadTokensAndNonMembers() {
        String room = calls.createRoom(alice, "{\"preset\":\"public_chat\"}");
        String token = syncToken(alice);
        for (String bad : new String[] {"garbage", "t1", "s", "s-1", "t99999999999999999999_1"}) {
            Reply r = members(alice, room, "at=" + enc(bad));
            assertThat(r.status()).as(bad).isEqualTo(400);
            assertThat(r.errcode()).as(bad).isEqualTo("M_INVALID_PARAM");
        }
        assertThat(members(carol, room, "at=" + enc(token)).errcode()).as("never a member").isEqualTo("M_FORBIDDEN");
        assertThat(members(alice, "!unknown:test.local", "at=" + enc(token)).errcode()).isEqualTo("M_FORBIDDEN");
        Reply malformed = Http.get(calls.v3("/rooms/" + enc("not-a-room") + "/members?at=" + enc(token)), alice.accessToken());
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.errcode()).isEqualTo("M_INVALID_PARAM");
    }
}
