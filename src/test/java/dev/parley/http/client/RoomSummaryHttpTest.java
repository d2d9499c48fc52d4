package dev.parley.http.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.DialectServerTest;
import dev.parley.testing.Http;
import dev.parley.testing.Http.Reply;
import dev.parley.testing.TestUsers.User;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /v1/room_summary/{roomIdOrAlias}} (Client-Server API, "Room Summaries") and
 * {@code GET /v1/mutual_rooms} (Client-Server API, "Mutual Rooms").
 */
class RoomSummaryHttpTest extends DialectServerTest {
    RoomSummaryHttpTest() {
        super(3);
    }

    private Reply summary(User user, String roomIdOrAlias) {
        return Http.get(calls.v1("/room_summary/" + enc(roomIdOrAlias)), user.accessToken());
    }

    private Reply anonymousSummary(String roomIdOrAlias) {
        return Http.get(calls.v1("/room_summary/" + enc(roomIdOrAlias)));
    }

    private Reply mutual(User user, String query) {
        return Http.get(calls.v1("/mutual_rooms" + query), user.accessToken());
    }

    @Test
    void publicRoomIsSummarisedForEveryoneByIdAndAlias() {
        String room = createRoom(alice, "{\"preset\":\"public_chat\",\"name\":\"Cheese\",\"topic\":\"Tasty\","
                + "\"room_alias_name\":\"cheese\"}");
        calls.join(bob, room);

        Reply byBob = summary(bob, room);
        assertThat(byBob.status()).as(byBob.body()).isEqualTo(200);
        assertThat(byBob.json().path("room_id").asText()).isEqualTo(room);
        assertThat(byBob.json().path("name").asText()).isEqualTo("Cheese");
        assertThat(byBob.json().path("topic").asText()).isEqualTo("Tasty");
        assertThat(byBob.json().path("num_joined_members").asInt()).isEqualTo(2);
        assertThat(byBob.json().path("join_rule").asText()).isEqualTo("public");
        assertThat(byBob.json().path("membership").asText()).isEqualTo("join");
        assertThat(byBob.json().path("room_version").asText()).isNotBlank();

        Reply byAlias = summary(carol, "#cheese:test.local");
        assertThat(byAlias.status()).as(byAlias.body()).isEqualTo(200);
        assertThat(byAlias.json().path("room_id").asText()).isEqualTo(room);
        assertThat(byAlias.json().path("membership").asText()).isEqualTo("leave");

        Reply anonymous = anonymousSummary(room);
        assertThat(anonymous.status()).as(anonymous.body()).isEqualTo(200);
        assertThat(anonymous.json().has("membership")).isFalse();
    }

    @Test
    void privateRoomIsSummarisedOnlyForMembersAndInvitees() {
        String room = createRoom(alice, "{\"preset\":\"private_chat\",\"name\":\"Secret\"}");
        assertThat(summary(alice, room).json().path("membership").asText()).isEqualTo("join");

        Reply outsider = summary(bob, room);
        assertThat(outsider.status()).isEqualTo(404);
        assertThat(outsider.errcode()).isEqualTo("M_NOT_FOUND");
        assertThat(anonymousSummary(room).errcode()).isEqualTo("M_NOT_FOUND");

        Reply invite = Http.call("POST", url("/rooms/" + enc(room) + "/invite"), alice.accessToken(),
                "{\"user_id\":\"" + bob.userId() + "\"}");
        assertThat(invite.status()).as(invite.body()).isEqualTo(200);
        Reply invitee = summary(bob, room);
        assertThat(invitee.status()).as(invitee.body()).isEqualTo(200);
        assertThat(invitee.json().path("membership").asText()).isEqualTo("invite");
        assertThat(invitee.json().path("join_rule").asText()).isEqualTo("invite");
    }

    @Test
    void worldReadableRoomIsSummarisedWithoutAnAccount() {
        String room = createRoom(alice, "{\"preset\":\"private_chat\",\"initial_state\":[{\"type\":"
                + "\"m.room.history_visibility\",\"state_key\":\"\",\"content\":{\"history_visibility\":\"world_readable\"}}]}");
        Reply anonymous = anonymousSummary(room);
        assertThat(anonymous.status()).as(anonymous.body()).isEqualTo(200);
        assertThat(anonymous.json().path("world_readable").asBoolean()).isTrue();
    }

    @Test
    void unknownAndMalformedRoomsAreRefused() {
        assertThat(summary(alice, "!nowhere:test.local").errcode()).isEqualTo("M_NOT_FOUND");
        assertThat(summary(alice, "#nothing:test.local").errcode()).isEqualTo("M_NOT_FOUND");
        Reply malformed = summary(alice, "cheese");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.errcode()).isEqualTo("M_INVALID_PARAM");
    }

    @Test
    void mutualRoomsAreTheRoomsBothJoined() {
        String shared = createRoom(alice, "{\"preset\":\"public_chat\"}");
        String alsoShared = createRoom(bob, "{\"preset\":\"public_chat\"}");
        String alicesOnly = createRoom(alice, "{\"preset\":\"public_chat\"}");
        calls.join(bob, shared);
        calls.join(alice, alsoShared);
        String left = createRoom(alice, "{\"preset\":\"public_chat\"}");
        calls.join(bob, left);
        calls.leave(bob, left);

        Reply reply = mutual(alice, "?user_id=" + enc(bob.userId()));
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        List<String> joined = new ArrayList<>();
        reply.json().path("joined").forEach(r -> joined.add(r.asText()));
        assertThat(joined).containsExactlyInAnyOrder(shared, alsoShared).doesNotContain(alicesOnly, left);
        assertThat(reply.json().path("count").asInt()).isEqualTo(2);
        assertThat(reply.json().has("next_batch")).isFalse();

        // A batch token is the last room ID of the batch before: later batches hold the rooms after it.
        String first = joined.stream().sorted().findFirst().orElseThrow();
        Reply after = mutual(alice, "?user_id=" + enc(bob.userId()) + "&from=" + enc("m" + first));
        assertThat(after.status()).as(after.body()).isEqualTo(200);
        assertThat(after.json().path("joined").size()).isEqualTo(1);
        assertThat(after.json().path("joined").path(0).asText()).isNotEqualTo(first);
        assertThat(after.json().path("count").asInt()).isEqualTo(2);

        // Unknown users share nothing.
        Reply nobody = mutual(alice, "?user_id=" + enc("@nobody:test.local"));
        assertThat(nobody.status()).isEqualTo(200);
        assertThat(nobody.json().path("joined").size()).isZero();
        assertThat(nobody.json().path("count").asInt()).isZero();
    }

    @Test
    void mutualRoomsRefusesBadInput() {
        assertThat(mutual(alice, "").errcode()).isEqualTo("M_INVALID_PARAM");
        assertThat(mutual(alice, "?user_id=" + enc(alice.userId())).errcode()).isEqualTo("M_INVALID_PARAM");
        assertThat(mutual(alice, "?user_id=bob").errcode()).isEqualTo("M_INVALID_PARAM");
        Reply badToken = mutual(alice, "?user_id=" + enc(bob.userId()) + "&from=garbage");
        assertThat(badToken.status()).isEqualTo(400);
        assertThat(badToken.errcode()).isEqualTo("M_INVALID_PARAM");
        assertThat(Http.get(calls.v1("/mutual_rooms?user_id=" + enc(bob.userId()))).errcode())
                .isEqualTo("M_MISSING_TOKEN");
    }
}
