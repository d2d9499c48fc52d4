package dev.parley.http.client;

import static dev.parley.testing.UserClient.encode;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.DialectServerTest;
import dev.parley.testing.Http.Reply;
import dev.parley.testing.UserClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Forgetting rooms, knocking, and joins under restricted join rules, through a real server. */
class MembershipExtrasHttpTest extends DialectServerTest {
    private UserClient alice;
    private UserClient bob;
    private UserClient carol;

    @BeforeEach
    void start() {
        alice = UserClient.register(server, "alice");
        bob = UserClient.register(server, "bob");
        carol = UserClient.register(server, "carol");
    }

    private static String rules(String version, String joinRules) {
        return "{\"room_version\":\"" + version + "\",\"initial_state\":[{\"type\":\"m.room.join_rules\",\"content\":"
                + joinRules + "}]}";
    }

    private static String restricted(String version, String rule, String... allowedRooms) {
        StringBuilder allow = new StringBuilder();
        for (String room : allowedRooms) {
            allow.append(allow.isEmpty() ? "" : ",").append("{\"type\":\"m.room_membership\",\"room_id\":\"").append(room).append("\"}");
        }
        return rules(version, "{\"join_rule\":\"" + rule + "\",\"allow\":[" + allow + "]}");
    }

    private Reply join(UserClient user, String room) {
        return user.post("/v3/rooms/" + encode(room) + "/join", "{}");
    }

    private Reply member(UserClient reader, String room, UserClient member) {
        return reader.get("/v3/rooms/" + encode(room) + "/state/m.room.member/" + encode(member.userId().value()));
    }

    private String sendMessage(UserClient user, String room, String txn) {
        Reply r = user.put("/v3/rooms/" + encode(room) + "/send/m.room.message/" + txn, "{\"body\":\"" + txn + "\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().path("event_id").asText();
    }

    @Test
    void aRoomCanBeForgottenOnlyAfterLeavingAndThenItsHistoryIsGone() {
        String room = alice.createRoom("{\"preset\":\"public_chat\"}");
        assertThat(join(bob, room).status()).isEqualTo(200);
        String said = sendMessage(alice, room, "early");

        Reply stillIn = bob.post("/v3/rooms/" + encode(room) + "/forget", "{}");
        assertThat(stillIn.status()).isEqualTo(400);
        assertThat(stillIn.errcode()).isEqualTo("M_UNKNOWN");
        bob.post("/v3/rooms/" + encode(room) + "/leave", "{}");
        assertThat(bob.get("/v3/rooms/" + encode(room) + "/event/" + encode(said)).status())
                .as("a former member still reads what they saw").isEqualTo(200);
        assertThat(bob.get("/v3/rooms/" + encode(room) + "/members").status()).isEqualTo(200);

        assertThat(bob.post("/v3/rooms/" + encode(room) + "/forget", "{}").status()).isEqualTo(200);
        assertThat(bob.post("/v3/rooms/" + encode(room) + "/forget", "{}").status()).as("again").isEqualTo(200);
        assertThat(bob.get("/v3/rooms/" + encode(room) + "/event/" + encode(said)).status()).isEqualTo(404);
        assertThat(bob.get("/v3/rooms/" + encode(room) + "/members").status()).isEqualTo(403);
        assertThat(bob.get("/v3/rooms/" + encode(room) + "/state").status()).isEqualTo(403);
        assertThat(bob.get("/v3/joined_rooms").json().path("joined_rooms")).isEmpty();

        assertThat(join(bob, room).status()).as("forgetting does not bar re-joining").isEqualTo(200);
        assertThat(bob.get("/v3/rooms/" + encode(room) + "/event/" + encode(said)).status()).isEqualTo(200);
        assertThat(bob.get("/v3/joined_rooms").json().path("joined_rooms").get(0).asText()).isEqualTo(room);

        String invited = alice.createRoom("{\"invite\":[\"" + carol.userId().value() + "\"]}");
        assertThat(carol.post("/v3/rooms/" + encode(invited) + "/forget", "{}").errcode()).isEqualTo("M_UNKNOWN");
        assertThat(carol.post("/v3/rooms/" + encode("!never:test.local") + "/forget", "{}").status()).isEqualTo(200);
        assertThat(carol.post("/v3/rooms/not-a-room/forget", "{}").status()).isEqualTo(400);
    }

    @Test
    void usersKnockWhereTheJoinRulesAllowAndAreLetInByInvite() {
        String room = alice.createRoom(rules("12", "{\"join_rule\":\"knock\"}") .replace("{\"room_version",
                "{\"room_alias_name\":\"door\",\"room_version"));
        Reply knock = bob.post("/v3/knock/" + encode("#door:test.local"), "{\"reason\":\"let me in\"}");
        assertThat(knock.status()).as(knock.body()).isEqualTo(200);
        assertThat(knock.json().path("room_id").asText()).isEqualTo(room);
        Reply membership = member(alice, room, bob);
        assertThat(membership.json().path("membership").asText()).isEqualTo("knock");
        assertThat(membership.json().path("reason").asText()).isEqualTo("let me in");
        assertThat(membership.json().path("displayname").asText()).isEqualTo("bob");
        assertThat(join(bob, room).status()).as("a knock is not an invite").isEqualTo(403);

        assertThat(alice.post("/v3/rooms/" + encode(room) + "/invite", "{\"user_id\":\"" + bob.userId().value() + "\"}").status())
                .isEqualTo(200);
        assertThat(bob.post("/v3/knock/" + encode(room), "{}").status()).as("already invited").isEqualTo(403);
        assertThat(join(bob, room).status()).isEqualTo(200);
        assertThat(bob.post("/v3/knock/" + encode(room), "{}").status()).as("already joined").isEqualTo(403);

        Reply inviteOnly = carol.post("/v3/knock/" + encode(alice.createRoom("{}")), "{}");
        assertThat(inviteOnly.status()).isEqualTo(403);
        assertThat(inviteOnly.errcode()).isEqualTo("M_FORBIDDEN");
        String old = alice.createRoom(rules("6", "{\"join_rule\":\"knock\"}"));
        assertThat(carol.post("/v3/knock/" + encode(old), "{}").status()).as("room version 6 has no knocking").isEqualTo(403);
        assertThat(carol.post("/v3/knock/" + encode(alice.createRoom(rules("7", "{\"join_rule\":\"knock\"}"))), "{}").status())
                .isEqualTo(200);
        assertThat(carol.post("/v3/knock/" + encode("#nowhere:test.local"), "{}").status()).isEqualTo(404);
        assertThat(carol.post("/v3/knock/" + encode("!nowhere:test.local"), "{}").status()).isEqualTo(404);

        String banned = alice.createRoom(rules("12", "{\"join_rule\":\"knock\"}"));
        alice.post("/v3/rooms/" + encode(banned) + "/ban", "{\"user_id\":\"" + carol.userId().value() + "\"}");
        assertThat(carol.post("/v3/knock/" + encode(banned), "{}").status()).isEqualTo(403);
    }

    @Test
    void restrictedRoomsLetInMembersOfTheAllowedRoomsThroughALocalInviter() {
        String space = alice.createRoom("{}");
        String room = alice.createRoom(restricted("10", "restricted", space));

        Reply outsider = join(bob, room);
        assertThat(outsider.status()).isEqualTo(403);
        assertThat(outsider.errcode()).isEqualTo("M_FORBIDDEN");

        alice.post("/v3/rooms/" + encode(space) + "/invite", "{\"user_id\":\"" + bob.userId().value() + "\"}");
        assertThat(join(bob, space).status()).isEqualTo(200);
        Reply joined = join(bob, room);
        assertThat(joined.status()).as(joined.body()).isEqualTo(200);
        Reply event = member(bob, room, bob);
        assertThat(event.json().path("membership").asText()).isEqualTo("join");
        assertThat(event.json().path("join_authorised_via_users_server").asText()).isEqualTo(alice.userId().value());

        // An invite needs no allow condition, and so no authoriser.
        alice.post("/v3/rooms/" + encode(room) + "/invite", "{\"user_id\":\"" + carol.userId().value() + "\"}");
        assertThat(join(carol, room).status()).isEqualTo(200);
        assertThat(member(carol, room, carol).json().has("join_authorised_via_users_server")).isFalse();
    }

    @Test
    void restrictedJoinsWorkInVersion12AndForKnockRestricted() {
        String space = alice.createRoom("{\"preset\":\"public_chat\"}");
        String v12 = alice.createRoom(restricted("12", "restricted", space));
        assertThat(join(bob, space).status()).isEqualTo(200);
        assertThat(join(bob, v12).status()).as("the creator of a v12 room may always invite").isEqualTo(200);
        assertThat(member(bob, v12, bob).json().path("join_authorised_via_users_server").asText()).isEqualTo(alice.userId().value());

        String knockRestricted = alice.createRoom(restricted("10", "knock_restricted", space));
        assertThat(join(bob, knockRestricted).status()).isEqualTo(200);
        assertThat(join(carol, knockRestricted).status()).isEqualTo(403);
        assertThat(carol.post("/v3/knock/" + encode(knockRestricted), "{}").status()).isEqualTo(200);
        String tooOld = alice.createRoom(restricted("9", "knock_restricted", space));
        assertThat(join(bob, tooOld).status()).as("knock_restricted needs room version 10").isEqualTo(403);
    }

    @Test
    void restrictedJoinsFailAsTheSpecSaysWhenTheyCannotBeCheckedOrGranted() {
        String unknown = alice.createRoom(restricted("10", "restricted", "!elsewhere:remote.example"));
        Reply unverifiable = join(bob, unknown);
        assertThat(unverifiable.status()).isEqualTo(400);
        assertThat(unverifiable.errcode()).isEqualTo("M_UNABLE_TO_AUTHORISE_JOIN");
        String none = alice.createRoom(rules("10", "{\"join_rule\":\"restricted\",\"allow\":[]}"));
        assertThat(join(bob, none).errcode()).isEqualTo("M_FORBIDDEN");

        String space = alice.createRoom("{\"preset\":\"public_chat\"}");
        assertThat(join(bob, space).status()).isEqualTo(200);
        String nobodyInvites = alice.createRoom(restricted("10", "restricted", space).replace("{\"room_version",
                "{\"power_level_content_override\":{\"invite\":101},\"room_version"));
        Reply ungrantable = join(bob, nobodyInvites);
        assertThat(ungrantable.status()).isEqualTo(400);
        assertThat(ungrantable.errcode()).isEqualTo("M_UNABLE_TO_GRANT_JOIN");
        assertThat(member(alice, nobodyInvites, bob).status()).as("nothing was sent").isEqualTo(404);
    }
}
