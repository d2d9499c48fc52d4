package dev.parley.http.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.testing.DialectServerTest;
import dev.parley.testing.Http;
import dev.parley.testing.RoomCalls;
import dev.parley.testing.Http.Reply;
import dev.parley.testing.TestUsers;
import dev.parley.testing.TestUsers.User;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Client-Server API, "Guest access": guests change (only) their display name, which, as for
 * everyone ("Events on Change of Profile Information"), updates their member events; guests peek
 * into world-readable rooms and use the end-to-end encryption endpoints.
 */
class GuestProfileAndPeekingHttpTest extends DialectServerTest {
    private User guest;

    GuestProfileAndPeekingHttpTest() {
        super(1);
    }

    @Override
    protected void configure(ObjectNode yaml) {
        yaml.withObject("registration").put("allow_guests", true);
    }

    @BeforeEach
    void registerGuest() {
        Reply registered = Http.call("POST", calls.v3("/register?kind=guest"), null, "{}");
        assertThat(registered.status()).as(registered.body()).isEqualTo(200);
        guest = new User(registered.json().path("user_id").asText(), registered.json().path("access_token").asText(),
                registered.json().path("device_id").asText());
    }

    private Reply setProfile(User user, String owner, String key, String body) {
        return Http.call("PUT", calls.v3("/profile/" + enc(owner) + "/" + key), user.accessToken(), body);
    }

    private String memberDisplayName(String room, User member) {
        Reply state = Http.get(calls.v3("/rooms/" + enc(room) + "/state/m.room.member/" + enc(member.userId())),
                alice.accessToken());
        assertThat(state.status()).as(state.body()).isEqualTo(200);
        return state.json().path("displayname").asText(null);
    }

    @Test
    void guestsChangeTheirDisplayNameAndTheirMemberEventsFollow() {
        String room = calls.createRoom(alice, "{\"preset\":\"public_chat\",\"initial_state\":[{\"type\":"
                + "\"m.room.guest_access\",\"state_key\":\"\",\"content\":{\"guest_access\":\"can_join\"}}]}");
        calls.join(guest, room);

        Reply set = setProfile(guest, guest.userId(), "displayname", "{\"displayname\":\"Visitor\"}");
        assertThat(set.status()).as(set.body()).isEqualTo(200);
        assertThat(Http.get(calls.v3("/profile/" + enc(guest.userId()) + "/displayname")).json().path("displayname").asText())
                .isEqualTo("Visitor");
        assertThat(memberDisplayName(room, guest)).isEqualTo("Visitor");
        Reply sync = Http.get(calls.v3("/sync"), alice.accessToken());
        assertThat(sync.json().path("rooms").path("join").path(room).path("timeline").path("events").toString())
                .contains("Visitor");

        Reply removed = Http.call("DELETE", calls.v3("/profile/" + enc(guest.userId()) + "/displayname"),
                guest.accessToken(), null);
        assertThat(removed.status()).as(removed.body()).isEqualTo(200);
        assertThat(memberDisplayName(room, guest)).as("the display name is gone from the member event").isNull();

        for (String key : new String[] {"avatar_url", "m.tz", "org.example.pet"}) {
            Reply refused = setProfile(guest, guest.userId(), key, "{\"" + key + "\":\"mxc://test.local/abc\"}");
            assertThat(refused.status()).as(key).isEqualTo(403);
            assertThat(refused.errcode()).as(key).isEqualTo("M_GUEST_ACCESS_FORBIDDEN");
        }
        Reply others = setProfile(guest, alice.userId(), "displayname", "{\"displayname\":\"Hijacked\"}");
        assertThat(others.status()).isEqualTo(403);
        assertThat(others.errcode()).isEqualTo("M_FORBIDDEN");
        assertThat(setProfile(guest, guest.userId(), "displayname", "{\"displayname\":5}").errcode()).isEqualTo("M_BAD_JSON");
    }

    @Test
    void everyonesMemberEventsFollowTheirProfileInJoinedRoomsOnly() {
        String joined = calls.createRoom(alice, "{\"preset\":\"public_chat\"}");
        String left = calls.createRoom(alice, "{\"preset\":\"public_chat\"}");
        User bob = register("bob");
        calls.join(bob, joined);
        calls.join(bob, left);
        calls.leave(bob, left);
        assertThat(setProfile(bob, bob.userId(), "displayname", "{\"displayname\":\"Robert\"}").status()).isEqualTo(200);
        assertThat(setProfile(bob, bob.userId(), "avatar_url", "{\"avatar_url\":\"mxc://test.local/bob\"}").status())
                .isEqualTo(200);
        Reply member = Http.get(calls.v3("/rooms/" + enc(joined) + "/state/m.room.member/" + enc(bob.userId())),
                alice.accessToken());
        assertThat(member.json().path("displayname").asText()).isEqualTo("Robert");
        assertThat(member.json().path("avatar_url").asText()).isEqualTo("mxc://test.local/bob");
        assertThat(member.json().path("membership").asText()).isEqualTo("join");
        Reply gone = Http.get(calls.v3("/rooms/" + enc(left) + "/state/m.room.member/" + enc(bob.userId())),
                alice.accessToken());
        assertThat(gone.json().path("membership").asText()).as("a room bob left is not rejoined").isEqualTo("leave");
        assertThat(gone.json().has("displayname") && gone.json().path("displayname").asText().equals("Robert")).isFalse();

        int before = timelineMembers(joined);
        assertThat(setProfile(bob, bob.userId(), "displayname", "{\"displayname\":\"Robert\"}").status()).isEqualTo(200);
        assertThat(timelineMembers(joined)).as("an unchanged name sends no event").isEqualTo(before);
    }

    private int timelineMembers(String room) {
        Reply page = calls.messages(alice, room, "dir=b&limit=50");
        int members = 0;
        for (var event : page.json().path("chunk")) {
            members += event.path("type").asText().equals("m.room.member") ? 1 : 0;
        }
        return members;
    }

    @Test
    void guestsPeekIntoWorldReadableRoomsAndUseKeyEndpoints() {
        String room = calls.createRoom(alice, "{\"preset\":\"public_chat\",\"initial_state\":[{\"type\":"
                + "\"m.room.history_visibility\",\"state_key\":\"\",\"content\":{\"history_visibility\":\"world_readable\"}}]}");
        calls.text(alice, room, "hello lurkers");
        Reply snapshot = Http.get(calls.v3("/rooms/" + enc(room) + "/initialSync"), guest.accessToken());
        assertThat(snapshot.status()).as(snapshot.body()).isEqualTo(200);
        assertThat(RoomCalls.bodies(snapshot.json().path("messages").path("chunk"))).containsExactly("hello lurkers");
        Reply events = Http.get(calls.v3("/events?room_id=" + enc(room) + "&timeout=0&from="
                + enc(snapshot.json().path("messages").path("end").asText())), guest.accessToken());
        assertThat(events.status()).as(events.body()).isEqualTo(200);

        Reply query = Http.call("POST", calls.v3("/keys/query"), guest.accessToken(),
                "{\"device_keys\":{\"" + alice.userId() + "\":[]}}");
        assertThat(query.status()).as(query.body()).isEqualTo(200);
        Reply claim = Http.call("POST", calls.v3("/keys/claim"), guest.accessToken(), "{\"one_time_keys\":{}}");
        assertThat(claim.status()).as(claim.body()).isEqualTo(200);
        Reply report = Http.call("POST", calls.v3("/users/" + enc(alice.userId()) + "/report"), guest.accessToken(),
                "{\"reason\":\"x\"}");
        assertThat(report.errcode()).as("reporting is not on the guest list").isEqualTo("M_GUEST_ACCESS_FORBIDDEN");
    }
}
