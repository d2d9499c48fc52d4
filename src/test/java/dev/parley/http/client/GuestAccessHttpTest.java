package dev.parley.http.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.RoomCalls;
import dev.parley.testing.Http;
import dev.parley.testing.Http.Reply;
import dev.parley.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Client-Server API, "Guest access": the endpoints the spec lists answer guests, others refuse them. */
class GuestAccessHttpTest {
    private TestServer server;
    private String guest;

    @BeforeEach
    void start() {
        server = TestServer.start(dev.parley.store.jdbc.Dialect.SQLITE,
                yaml -> yaml.withObject("registration").put("allow_guests", true));
        Reply registered = Http.call("POST", url("/v3/register?kind=guest"), null, "{}");
        assertThat(registered.status()).as(registered.body()).isEqualTo(200);
        guest = registered.json().path("access_token").asText();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private String url(String path) {
        return server.baseUrl() + "/_matrix/client" + path;
    }

    @Test
    void guestsMayUseTheListedEndpoints() {
        Reply whoami = Http.get(url("/v3/account/whoami"), guest);
        assertThat(whoami.status()).as(whoami.body()).isEqualTo(200);
        assertThat(whoami.json().path("is_guest").asBoolean()).isTrue();
        assertThat(Http.get(url("/v3/devices"), guest).status()).isEqualTo(200);
        assertThat(Http.get(url("/v3/sync"), guest).status()).isEqualTo(200);
    }

    @Test
    void guestsJoinOnlyRoomsWithGuestAccessCanJoinAndThenSyncAndSend() {
        dev.parley.testing.TestUsers.User alice = dev.parley.testing.TestUsers.register(server, "alice", "pw");
        RoomCalls calls = new RoomCalls(server);
        // public_chat sets guest_access forbidden; private_chat sets can_join (Client-Server API, "Creation").
        String closed = calls.createRoom(alice, "{\"preset\":\"public_chat\"}");
        String open = calls.createRoom(alice, "{\"preset\":\"public_chat\",\"initial_state\":[{\"type\":"
                + "\"m.room.guest_access\",\"state_key\":\"\",\"content\":{\"guest_access\":\"can_join\"}}]}");
        Reply refused = Http.call("POST", url("/v3/join/" + RoomCalls.enc(closed)), guest, "{}");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.errcode()).isEqualTo("M_FORBIDDEN");
        Reply joined = Http.call("POST", url("/v3/join/" + RoomCalls.enc(open)), guest, "{}");
        assertThat(joined.status()).as(joined.body()).isEqualTo(200);
        Reply sent = Http.call("PUT", url("/v3/rooms/" + RoomCalls.enc(open) + "/send/m.room.message/g1"), guest,
                "{\"msgtype\":\"m.text\",\"body\":\"hi from a guest\"}");
        assertThat(sent.status()).as(sent.body()).isEqualTo(200);
        Reply sync = Http.get(url("/v3/sync"), guest);
        assertThat(sync.json().path("rooms").path("join").path(open).path("timeline").path("events")
                .findValuesAsText("body")).contains("hi from a guest");
        assertThat(sync.json().path("rooms").path("join").has(closed)).isFalse();
    }

    @Test
    void guestsMayNotUseSlidingSyncOrCreateRooms() {
        Reply sliding = Http.call("POST", url("/unstable/org.matrix.simplified_msc3575/sync"), guest, "{}");
        assertThat(sliding.status()).isEqualTo(403);
        assertThat(sliding.errcode()).isEqualTo("M_GUEST_ACCESS_FORBIDDEN");
        assertThat(Http.call("POST", url("/v3/createRoom"), guest, "{}").errcode()).isEqualTo("M_GUEST_ACCESS_FORBIDDEN");
    }
}
