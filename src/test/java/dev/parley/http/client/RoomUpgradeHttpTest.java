package dev.parley.http.client;

import static dev.parley.testing.UserClient.encode;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.DialectServerTest;
import dev.parley.testing.Http;
import dev.parley.testing.Http.Reply;
import dev.parley.testing.UserClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code POST /rooms/{roomId}/upgrade} through a real server. */
class RoomUpgradeHttpTest extends DialectServerTest {
    private UserClient alice;
    private UserClient bob;
    private UserClient carol;
    private UserClient dave;

    @BeforeEach
    void start() {
        alice = UserClient.register(server, "alice");
        bob = UserClient.register(server, "bob");
        carol = UserClient.register(server, "carol");
        dave = UserClient.register(server, "dave");
    }

    private JsonNode state(UserClient reader, String room, String type) {
        Reply r = reader.get("/v3/rooms/" + encode(room) + "/state/" + type + "/");
        assertThat(r.status()).as(type + ": " + r.body()).isEqualTo(200);
        return r.json();
    }

    private Reply upgrade(UserClient user, String room, String body) {
        return user.post("/v3/rooms/" + encode(room) + "/upgrade", body);
    }

    @Test
    void upgradingCopiesStateMovesAliasesAndRetiresTheOldRoom() {
        String old = alice.createRoom("{\"room_version\":\"10\",\"preset\":\"public_chat\",\"visibility\":\"public\","
                + "\"room_alias_name\":\"tea\",\"name\":\"Tea\",\"topic\":\"All about tea\","
                + "\"power_level_content_override\":{\"users\":{\"" + alice.userId().value() + "\":100,\""
                + bob.userId().value() + "\":50}},\"initial_state\":[{\"type\":\"m.room.history_visibility\","
                + "\"content\":{\"history_visibility\":\"world_readable\"}},{\"type\":\"m.room.encryption\","
                + "\"content\":{\"algorithm\":\"m.megolm.v1.aes-sha2\"}},{\"type\":\"org.example.custom\","
                + "\"content\":{\"not\":\"copied\"}}]}");
        bob.join(old);
        dave.join(old);
        assertThat(alice.put("/v3/directory/room/" + encode("#second:test.local"), "{\"room_id\":\"" + old + "\"}").status())
                .isEqualTo(200);
        alice.put("/v3/rooms/" + encode(old) + "/state/m.room.canonical_alias/",
                "{\"alias\":\"#tea:test.local\",\"alt_aliases\":[\"#second:test.local\"]}");
        alice.post("/v3/rooms/" + encode(old) + "/ban", "{\"user_id\":\"" + carol.userId().value() + "\",\"reason\":\"spam\"}");
        String lastEvent = alice.put("/v3/rooms/" + encode(old) + "/send/m.room.message/last", "{\"body\":\"bye\"}")
                .json().path("event_id").asText();

        Reply moderator = upgrade(bob, old, "{\"new_version\":\"12\"}");
        assertThat(moderator.status()).as("tombstones need level 100").isEqualTo(403);
        assertThat(moderator.errcode()).isEqualTo("M_FORBIDDEN");
        Reply unsupported = upgrade(alice, old, "{\"new_version\":\"99\"}");
        assertThat(unsupported.status()).isEqualTo(400);
        assertThat(unsupported.errcode()).isEqualTo("M_UNSUPPORTED_ROOM_VERSION");
        assertThat(upgrade(alice, old, "{}").errcode()).isEqualTo("M_MISSING_PARAM");
        assertThat(upgrade(alice, "!unknown:test.local", "{\"new_version\":\"12\"}").status()).isEqualTo(404);

        Reply upgraded = upgrade(alice, old, "{\"new_version\":\"12\"}");
        assertThat(upgraded.status()).as(upgraded.body()).isEqualTo(200);
        String room = upgraded.json().path("replacement_room").asText();
        assertThat(room).startsWith("!").isNotEqualTo(old);

        JsonNode create = state(alice, room, "m.room.create");
        assertThat(create.path("room_version").asText()).isEqualTo("12");
        assertThat(create.path("predecessor").path("room_id").asText()).isEqualTo(old);
        assertThat(create.path("predecessor").path("event_id").asText()).isEqualTo(lastEvent);
        assertThat(create.has("creator")).as("v11+ have no creator field").isFalse();
        assertThat(state(alice, room, "m.room.name").path("name").asText()).isEqualTo("Tea");
        assertThat(state(alice, room, "m.room.topic").path("topic").asText()).isEqualTo("All about tea");
        assertThat(state(alice, room, "m.room.join_rules").path("join_rule").asText()).isEqualTo("public");
        assertThat(state(alice, room, "m.room.history_visibility").path("history_visibility").asText()).isEqualTo("world_readable");
        assertThat(state(alice, room, "m.room.guest_access").path("guest_access").asText()).isEqualTo("forbidden");
        assertThat(state(alice, room, "m.room.encryption").path("algorithm").asText()).isEqualTo("m.megolm.v1.aes-sha2");
        assertThat(alice.get("/v3/rooms/" + encode(room) + "/state/org.example.custom/").status()).isEqualTo(404);
        JsonNode power = state(alice, room, "m.room.power_levels");
        assertThat(power.path("users").has(alice.userId().value())).as("v12 creators are not listed").isFalse();
        assertThat(power.path("users").path(bob.userId().value()).asInt()).isEqualTo(50);
        assertThat(alice.get("/v3/rooms/" + encode(room) + "/state/m.room.member/" + encode(carol.userId().value()))
                .json().path("membership").asText()).as("bans carry over").isEqualTo("ban");
        assertThat(alice.get("/v3/rooms/" + encode(room) + "/joined_members").json().path("joined")).hasSize(1);

        JsonNode canonical = state(alice, room, "m.room.canonical_alias");
        assertThat(canonical.path("alias").asText()).isEqualTo("#tea:test.local");
        assertThat(canonical.path("alt_aliases").toString()).isEqualTo("[\"#second:test.local\"]");
        assertThat(state(alice, old, "m.room.canonical_alias").isEmpty()).isTrue();
        assertThat(Http.get(server.baseUrl() + "/_matrix/client/v3/directory/room/" + encode("#tea:test.local"))
                .json().path("room_id").asText()).isEqualTo(room);
        assertThat(alice.get("/v3/rooms/" + encode(room) + "/aliases").json().path("aliases")).hasSize(2);
        assertThat(alice.get("/v3/rooms/" + encode(old) + "/aliases").json().path("aliases")).isEmpty();
        assertThat(Http.get(server.baseUrl() + "/_matrix/client/v3/directory/list/room/" + encode(room))
                .json().path("visibility").asText()).isEqualTo("public");
        assertThat(Http.get(server.baseUrl() + "/_matrix/client/v3/directory/list/room/" + encode(old))
                .json().path("visibility").asText()).isEqualTo("private");

        JsonNode tombstone = state(alice, old, "m.room.tombstone");
        assertThat(tombstone.path("replacement_room").asText()).isEqualTo(room);
        assertThat(tombstone.path("body").asText()).isNotEmpty();
        JsonNode oldPower = state(alice, old, "m.room.power_levels");
        assertThat(oldPower.path("events_default").asInt()).isEqualTo(50);
        assertThat(oldPower.path("invite").asInt()).isEqualTo(50);
        assertThat(dave.put("/v3/rooms/" + encode(old) + "/send/m.room.message/late", "{\"body\":\"hello?\"}").status())
                .as("ordinary users can no longer talk in the old room").isEqualTo(403);
        assertThat(bob.put("/v3/rooms/" + encode(old) + "/send/m.room.message/late", "{\"body\":\"moving\"}").status())
                .isEqualTo(200);
        bob.join(room);
        assertThat(bob.put("/v3/rooms/" + encode(room) + "/state/m.room.topic/", "{\"topic\":\"mod\"}").status())
                .as("bob keeps his moderator level").isEqualTo(200);
    }

    @Test
    void version12UpgradesTakeAdditionalCreatorsFromTheRequestAndKeepTheRoomType() {
        String old = alice.createRoom("{\"creation_content\":{\"type\":\"m.space\",\"additional_creators\":[\""
                + carol.userId().value() + "\"]}}");
        Reply bad = upgrade(alice, old, "{\"new_version\":\"12\",\"additional_creators\":[\"not a user\"]}");
        assertThat(bad.errcode()).isEqualTo("M_INVALID_PARAM");
        Reply upgraded = upgrade(alice, old, "{\"new_version\":\"12\",\"additional_creators\":[\"" + bob.userId().value() + "\"]}");
        assertThat(upgraded.status()).as(upgraded.body()).isEqualTo(200);
        String room = upgraded.json().path("replacement_room").asText();
        JsonNode create = state(alice, room, "m.room.create");
        assertThat(create.path("type").asText()).isEqualTo("m.space");
        assertThat(create.path("additional_creators").toString()).as("not copied from the old room")
                .isEqualTo("[\"" + bob.userId().value() + "\"]");
        assertThat(create.path("predecessor").path("room_id").asText()).isEqualTo(old);
        assertThat(state(alice, room, "m.room.power_levels").path("users").has(bob.userId().value())).isFalse();
        assertThat(state(alice, old, "m.room.tombstone").path("replacement_room").asText()).isEqualTo(room);

        Reply again = upgrade(alice, room, "{\"new_version\":\"11\",\"additional_creators\":[\"" + bob.userId().value() + "\"]}");
        assertThat(again.status()).as(again.body()).isEqualTo(200);
        String v11 = again.json().path("replacement_room").asText();
        assertThat(state(alice, v11, "m.room.create").has("additional_creators")).as("ignored before v12").isFalse();
        assertThat(state(alice, v11, "m.room.power_levels").path("users").path(alice.userId().value()).asInt())
                .as("a v12 creator keeps admin in an older version").isEqualTo(100);
        assertThat(alice.put("/v3/rooms/" + encode(v11) + "/state/m.room.name/", "{\"name\":\"still mine\"}").status())
                .isEqualTo(200);
    }

    @Test
    void upgradesFromOldVersionsPredecessorEventsAndStringPowerLevels() {
        String old = alice.createRoom("{\"room_version\":\"1\",\"preset\":\"public_chat\","
                + "\"power_level_content_override\":{\"ban\":\"60\",\"events\":{\"m.room.name\":\"40\"},"
                + "\"users\":{\"" + alice.userId().value() + "\":\"100\",\"" + bob.userId().value() + "\":\"40\"}}}");
        bob.join(old);
        Reply upgraded = upgrade(alice, old, "{\"new_version\":\"10\"}");
        assertThat(upgraded.status()).as(upgraded.body()).isEqualTo(200);
        String room = upgraded.json().path("replacement_room").asText();
        JsonNode create = state(alice, room, "m.room.create");
        assertThat(create.path("creator").asText()).isEqualTo(alice.userId().value());
        assertThat(create.path("predecessor").path("event_id").asText()).startsWith("$");
        JsonNode power = state(alice, room, "m.room.power_levels");
        assertThat(power.path("ban").isInt()).isTrue();
        assertThat(power.path("ban").asInt()).isEqualTo(60);
        assertThat(power.path("events").path("m.room.name").asInt()).isEqualTo(40);
        assertThat(power.path("users").path(bob.userId().value()).asInt()).isEqualTo(40);
        assertThat(power.path("users").path(alice.userId().value()).asInt()).isEqualTo(100);
        bob.join(room);
        assertThat(bob.put("/v3/rooms/" + encode(room) + "/state/m.room.name/", "{\"name\":\"by bob\"}").status()).isEqualTo(200);
    }

    @Test
    void aUserLentPowerForCopyingGetsTheirOwnLevelBack() {
        // The tombstone is open to level 10, but the state to copy needs more than alice will have.
        String old = alice.createRoom("{\"room_version\":\"10\",\"preset\":\"public_chat\","
                + "\"power_level_content_override\":{\"users\":{\"" + alice.userId().value() + "\":100,\""
                + bob.userId().value() + "\":10},\"events\":{\"m.room.tombstone\":10,\"m.room.power_levels\":100}}}");
        bob.join(old);
        alice.put("/v3/rooms/" + encode(old) + "/state/m.room.name/", "{\"name\":\"Named\"}");
        Reply upgraded = upgrade(bob, old, "{\"new_version\":\"10\"}");
        assertThat(upgraded.status()).as(upgraded.body()).isEqualTo(200);
        String room = upgraded.json().path("replacement_room").asText();
        assertThat(state(bob, room, "m.room.name").path("name").asText()).isEqualTo("Named");
        assertThat(state(bob, room, "m.room.power_levels").path("users").path(bob.userId().value()).asInt()).isEqualTo(10);
        assertThat(state(bob, old, "m.room.power_levels").path("events_default").asInt())
                .as("bob may not change the old room's power levels").isEqualTo(0);
    }
}
