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

/** Rooms through a real server: creation, sending, state, membership and visibility. */
class RoomsHttpTest extends DialectServerTest {
    RoomsHttpTest() {
        super(2); // alice and bob
    }

    private Reply send(User user, String room, String type, String txn, String content) {
        return Http.call("PUT", url("/rooms/" + enc(room) + "/send/" + enc(type) + "/" + txn), user.accessToken(), content);
    }

    private List<String> stateTypes(User user, String room) {
        List<String> types = new ArrayList<>();
        Http.get(url("/rooms/" + enc(room) + "/state"), user.accessToken()).json().forEach(e -> types.add(e.path("type").asText()));
        return types;
    }

    @Test
    void createsAPrivateRoomWithTheSpecsInitialState() {
        String room = createRoom(alice, "{\"name\":\"Tea\",\"topic\":\"All about tea\"}");
        assertThat(room).startsWith("!");
        assertThat(stateTypes(alice, room)).containsExactly("m.room.create", "m.room.member", "m.room.power_levels",
                "m.room.join_rules", "m.room.history_visibility", "m.room.guest_access", "m.room.name", "m.room.topic");
        Reply create = Http.get(url("/rooms/" + enc(room) + "/state/m.room.create/"), alice.accessToken());
        assertThat(create.json().path("room_version").asText()).isEqualTo("12");
        assertThat(Http.get(url("/rooms/" + enc(room) + "/state/m.room.join_rules"), alice.accessToken())
                .json().path("join_rule").asText()).isEqualTo("invite");
        assertThat(Http.get(url("/rooms/" + enc(room) + "/state/m.room.name/"), alice.accessToken())
                .json().path("name").asText()).isEqualTo("Tea");
        // v1.15 (MSC3765): the topic is sent with a text/plain m.topic block beside the plain fallback.
        assertThat(Http.get(url("/rooms/" + enc(room) + "/state/m.room.topic/"), alice.accessToken()).json().toString())
                .isEqualTo("{\"topic\":\"All about tea\",\"m.topic\":{\"m.text\":"
                        + "[{\"mimetype\":\"text/plain\",\"body\":\"All about tea\"}]}}");
        JsonNode power = Http.get(url("/rooms/" + enc(room) + "/state/m.room.power_levels/"), alice.accessToken()).json();
        assertThat(power.path("users").has(alice.userId())).as("v12 creators are not listed").isFalse();
        assertThat(power.path("events").path("m.room.tombstone").asInt()).isEqualTo(150);
        assertThat(Http.get(url("/joined_rooms"), alice.accessToken()).json().path("joined_rooms").get(0).asText()).isEqualTo(room);
        assertThat(Http.get(url("/joined_rooms"), bob.accessToken()).json().path("joined_rooms")).isEmpty();
    }

    @Test
    void aTrustedPrivateChatMakesItsInviteesAdditionalCreatorsInRoomVersion12() {
        // v1.16 (MSC4289): the invitees join the supplied additional_creators instead of getting power level 100.
        String carol = "@carol:test.local";
        String room = createRoom(alice, "{\"preset\":\"trusted_private_chat\",\"invite\":[\"" + bob.userId() + "\"],"
                + "\"creation_content\":{\"additional_creators\":[\"" + carol + "\"]}}");
        JsonNode create = Http.get(url("/rooms/" + enc(room) + "/state/m.room.create/"), alice.accessToken()).json();
        assertThat(create.path("room_version").asText()).isEqualTo("12");
        assertThat(create.path("additional_creators").toString()).isEqualTo("[\"" + carol + "\",\"" + bob.userId() + "\"]");
        JsonNode power = Http.get(url("/rooms/" + enc(room) + "/state/m.room.power_levels/"), alice.accessToken()).json();
        assertThat(power.path("users").has(bob.userId())).isFalse();
    }

    @Test
    void aStateEventIsReadAsContentOrWithFormatEventAsAWholeEvent() {
        String room = createRoom(alice, "{\"name\":\"Tea\"}");
        String name = url("/rooms/" + enc(room) + "/state/m.room.name/");
        JsonNode content = Http.get(name, alice.accessToken()).json();
        assertThat(content.toString()).isEqualTo("{\"name\":\"Tea\"}");
        assertThat(Http.get(name + "?format=content", alice.accessToken()).json()).isEqualTo(content);
        // v1.16: ?format=event gives the client-formatted event, with its ID, sender and timestamp.
        JsonNode event = Http.get(name + "?format=event", alice.accessToken()).json();
        assertThat(event.path("type").asText()).isEqualTo("m.room.name");
        assertThat(event.path("state_key").isTextual() && event.path("state_key").asText().isEmpty()).isTrue();
        assertThat(event.path("content")).isEqualTo(content);
        assertThat(event.path("sender").asText()).isEqualTo(alice.userId());
        assertThat(event.path("room_id").asText()).isEqualTo(room);
        assertThat(event.path("event_id").asText()).startsWith("$");
        assertThat(event.path("origin_server_ts").asLong()).isPositive();
        Reply power = Http.get(url("/rooms/" + enc(room) + "/state/m.room.power_levels?format=event"), alice.accessToken());
        assertThat(power.json().path("type").asText()).isEqualTo("m.room.power_levels");

        assertThat(Http.get(name + "?format=pdu", alice.accessToken()).errcode()).isEqualTo("M_INVALID_PARAM");
        assertThat(Http.get(url("/rooms/" + enc(room) + "/state/m.room.topic/?format=event"), alice.accessToken())
                .errcode()).isEqualTo("M_NOT_FOUND");
        assertThat(Http.get(name + "?format=event", bob.accessToken()).errcode()).isEqualTo("M_FORBIDDEN");
    }

    @Test
    void sendsAreIdempotentPerTransactionAndRoundTripCustomContent() {
        String room = createRoom(alice, "{}");
        String content = "{\"msgtype\":\"m.text\",\"body\":\"hello \\u00e9\\ud83d\\ude00\",\"org.example\":{\"nested\":[1,2,{\"x\":null}]}}";
        Reply first = send(alice, room, "m.room.message", "txn1", content);
        Reply again = send(alice, room, "m.room.message", "txn1", content);
        assertThat(first.status()).isEqualTo(200);
        assertThat(again.json().path("event_id").asText()).isEqualTo(first.json().path("event_id").asText());
        Reply other = send(alice, room, "m.room.message", "txn2", content);
        assertThat(other.json().path("event_id").asText()).isNotEqualTo(first.json().path("event_id").asText());

        String eventId = first.json().path("event_id").asText();
        Reply event = Http.get(url("/rooms/" + enc(room) + "/event/" + enc(eventId)), alice.accessToken());
        assertThat(event.json().path("content").toString()).isEqualTo(
                "{\"msgtype\":\"m.text\",\"body\":\"hello é😀\",\"org.example\":{\"nested\":[1,2,{\"x\":null}]}}");
        assertThat(event.json().path("sender").asText()).isEqualTo(alice.userId());
        assertThat(event.json().path("room_id").asText()).isEqualTo(room);
        assertThat(event.json().has("hashes")).isFalse();

        Reply custom = send(alice, room, "org.example.custom/type", "txn3", "{\"a\":1}");
        assertThat(custom.status()).isEqualTo(200);
        Reply state = Http.call("PUT", url("/rooms/" + enc(room) + "/state/org.example.state/" + enc("key/with slash")),
                alice.accessToken(), "{\"value\":true}");
        assertThat(state.status()).as(state.body()).isEqualTo(200);
        Reply read = Http.get(url("/rooms/" + enc(room) + "/state/org.example.state/" + enc("key/with slash")), alice.accessToken());
        assertThat(read.json().path("value").asBoolean()).isTrue();
        assertThat(Http.get(url("/rooms/" + enc(room) + "/state/org.example.state/other"), alice.accessToken()).errcode())
                .isEqualTo("M_NOT_FOUND");
    }

    @Test
    void outsidersCannotReadOrSendUntilInvitedAndJoined() {
        String room = createRoom(alice, "{}");
        String secret = send(alice, room, "m.room.message", "t1", "{\"body\":\"early\"}").json().path("event_id").asText();
        assertThat(Http.get(url("/rooms/" + enc(room) + "/state"), bob.accessToken()).status()).isEqualTo(403);
        Reply bobSends = send(bob, room, "m.room.message", "t1", "{\"body\":\"hi\"}");
        assertThat(bobSends.status()).isEqualTo(403);
        assertThat(bobSends.errcode()).isEqualTo("M_FORBIDDEN");
        Reply bobJoins = Http.call("POST", url("/rooms/" + enc(room) + "/join"), bob.accessToken(), "{}");
        assertThat(bobJoins.status()).as("invite-only room").isEqualTo(403);

        Reply invite = Http.call("POST", url("/rooms/" + enc(room) + "/invite"), alice.accessToken(),
                "{\"user_id\":\"" + bob.userId() + "\"}");
        assertThat(invite.status()).as(invite.body()).isEqualTo(200);
        assertThat(Http.call("POST", url("/join/" + enc(room)), bob.accessToken(), "{}").json().path("room_id").asText()).isEqualTo(room);
        assertThat(send(bob, room, "m.room.message", "t2", "{\"body\":\"hi\"}").status()).isEqualTo(200);
        // "shared" history: a new member sees what was said before they joined.
        assertThat(Http.get(url("/rooms/" + enc(room) + "/event/" + enc(secret)), bob.accessToken()).status()).isEqualTo(200);

        Reply joined = Http.get(url("/rooms/" + enc(room) + "/joined_members"), alice.accessToken());
        assertThat(joined.json().path("joined").path(bob.userId()).path("display_name").asText()).isEqualTo("bob");
        Reply members = Http.get(url("/rooms/" + enc(room) + "/members?membership=join"), alice.accessToken());
        assertThat(members.json().path("chunk")).hasSize(2);
        assertThat(Http.get(url("/rooms/" + enc(room) + "/members?not_membership=join"), alice.accessToken())
                .json().path("chunk")).isEmpty();
    }

    @Test
    void joinedHistoryVisibilityHidesEarlierEvents() {
        String room = createRoom(alice, "{\"preset\":\"public_chat\",\"initial_state\":[{\"type\":\"m.room.history_visibility\","
                + "\"state_key\":\"\",\"content\":{\"history_visibility\":\"joined\"}}]}");
        String before = send(alice, room, "m.room.message", "t1", "{\"body\":\"before\"}").json().path("event_id").asText();
        Http.call("POST", url("/rooms/" + enc(room) + "/join"), bob.accessToken(), "{}");
        String after = send(alice, room, "m.room.message", "t2", "{\"body\":\"after\"}").json().path("event_id").asText();
        assertThat(Http.get(url("/rooms/" + enc(room) + "/event/" + enc(before)), bob.accessToken()).status()).isEqualTo(404);
        assertThat(Http.get(url("/rooms/" + enc(room) + "/event/" + enc(after)), bob.accessToken()).status()).isEqualTo(200);
    }

    @Test
    void publicRoomsAreJoinableByAliasAndPowerLevelsAreEnforced() {
        String room = createRoom(alice, "{\"preset\":\"public_chat\",\"room_alias_name\":\"lobby\"}");
        assertThat(Http.get(url("/rooms/" + enc(room) + "/state/m.room.canonical_alias/"), alice.accessToken())
                .json().path("alias").asText()).isEqualTo("#lobby:test.local");
        Reply join = Http.call("POST", url("/join/" + enc("#lobby:test.local")), bob.accessToken(), "{\"reason\":\"hi\"}");
        assertThat(join.status()).as(join.body()).isEqualTo(200);
        Reply rename = Http.call("PUT", url("/rooms/" + enc(room) + "/state/m.room.name/"), bob.accessToken(), "{\"name\":\"mine\"}");
        assertThat(rename.status()).isEqualTo(403);
        assertThat(rename.errcode()).isEqualTo("M_FORBIDDEN");
        assertThat(Http.call("POST", url("/createRoom"), bob.accessToken(), "{\"room_alias_name\":\"lobby\"}").errcode())
                .isEqualTo("M_ROOM_IN_USE");
        assertThat(Http.call("POST", url("/join/" + enc("#nowhere:test.local")), bob.accessToken(), "{}").status()).isEqualTo(404);
    }

    @Test
    void kickBanAndUnban() {
        String room = createRoom(alice, "{\"preset\":\"public_chat\"}");
        Http.call("POST", url("/rooms/" + enc(room) + "/join"), bob.accessToken(), "{}");
        assertThat(Http.call("POST", url("/rooms/" + enc(room) + "/kick"), bob.accessToken(),
                "{\"user_id\":\"" + alice.userId() + "\"}").status()).as("bob lacks kick power").isEqualTo(403);
        assertThat(Http.call("POST", url("/rooms/" + enc(room) + "/kick"), alice.accessToken(),
                "{\"user_id\":\"" + bob.userId() + "\",\"reason\":\"spam\"}").status()).isEqualTo(200);
        assertThat(Http.get(url("/joined_rooms"), bob.accessToken()).json().path("joined_rooms")).isEmpty();
        Http.call("POST", url("/rooms/" + enc(room) + "/join"), bob.accessToken(), "{}");
        assertThat(Http.call("POST", url("/rooms/" + enc(room) + "/ban"), alice.accessToken(),
                "{\"user_id\":\"" + bob.userId() + "\"}").status()).isEqualTo(200);
        assertThat(Http.call("POST", url("/rooms/" + enc(room) + "/join"), bob.accessToken(), "{}").status()).isEqualTo(403);
        assertThat(Http.call("POST", url("/rooms/" + enc(room) + "/unban"), alice.accessToken(),
                "{\"user_id\":\"" + bob.userId() + "\"}").status()).isEqualTo(200);
        assertThat(Http.call("POST", url("/rooms/" + enc(room) + "/join"), bob.accessToken(), "{}").status()).isEqualTo(200);
        assertThat(Http.call("POST", url("/rooms/" + enc(room) + "/leave"), bob.accessToken(), "{}").status()).isEqualTo(200);
        // A former member still reads the state as it was when they left.
        assertThat(Http.get(url("/rooms/" + enc(room) + "/state"), bob.accessToken()).status()).isEqualTo(200);
        assertThat(Http.call("POST", url("/rooms/" + enc(room) + "/kick"), alice.accessToken(), "{}").errcode())
                .isEqualTo("M_MISSING_PARAM");
    }

    @Test
    void everyRoomVersionWorksAndUnknownOnesAreRefused() {
        for (String version : List.of("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12")) {
            String room = createRoom(alice, "{\"room_version\":\"" + version + "\",\"preset\":\"public_chat\"}");
            assertThat(send(alice, room, "m.room.message", "v" + version, "{\"body\":\"v" + version + "\"}").status())
                    .as("room version " + version).isEqualTo(200);
            assertThat(Http.call("POST", url("/rooms/" + enc(room) + "/join"), bob.accessToken(), "{}").status())
                    .as("join in room version " + version).isEqualTo(200);
        }
        Reply unknown = Http.call("POST", url("/createRoom"), alice.accessToken(), "{\"room_version\":\"99\"}");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.errcode()).isEqualTo("M_UNSUPPORTED_ROOM_VERSION");
    }

    @Test
    void oversizeEventsAndBadInputAreRefusedWithoutHarm() {
        String room = createRoom(alice, "{}");
        Reply big = send(alice, room, "m.room.message", "big", "{\"body\":\"" + "x".repeat(70_000) + "\"}");
        assertThat(big.status()).isEqualTo(413);
        assertThat(big.errcode()).isEqualTo("M_TOO_LARGE");
        assertThat(send(alice, room, "m.room.message", "arr", "[1]").errcode()).isEqualTo("M_BAD_JSON");
        assertThat(Http.call("PUT", url("/rooms/not-a-room/send/m.room.message/x"), alice.accessToken(), "{}").status()).isEqualTo(400);
        assertThat(send(alice, "!unknown:test.local", "m.room.message", "x", "{}").status()).isEqualTo(404);
        assertThat(send(alice, room, "m.room.message", "ok", "{\"body\":\"still fine\"}").status()).isEqualTo(200);
    }

    @Test
    void roomsSurviveARestart() {
        String room = createRoom(alice, "{\"name\":\"Durable\"}");
        String first = send(alice, room, "m.room.message", "t1", "{\"body\":\"one\"}").json().path("event_id").asText();
        server.restart();
        assertThat(Http.get(url("/rooms/" + enc(room) + "/event/" + enc(first)), alice.accessToken()).status()).isEqualTo(200);
        assertThat(send(alice, room, "m.room.message", "t1", "{\"body\":\"one\"}").json().path("event_id").asText())
                .as("transaction remembered across restarts").isEqualTo(first);
        assertThat(send(alice, room, "m.room.message", "t2", "{\"body\":\"two\"}").status()).isEqualTo(200);
        Http.call("PUT", url("/rooms/" + enc(room) + "/state/m.room.name/"), alice.accessToken(), "{\"name\":\"Renamed\"}");
        assertThat(Http.get(url("/rooms/" + enc(room) + "/state/m.room.name/"), alice.accessToken()).json().path("name").asText())
                .isEqualTo("Renamed");
    }
}
