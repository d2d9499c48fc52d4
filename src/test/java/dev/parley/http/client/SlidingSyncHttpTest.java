package dev.parley.http.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.crypto.SigningKey;
import dev.parley.core.json.Json;
import dev.parley.testing.DialectServerTest;
import dev.parley.testing.Http;
import dev.parley.testing.Http.Reply;
import dev.parley.testing.RoomCalls;
import dev.parley.testing.TestUsers;
import dev.parley.testing.TestUsers.User;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Simplified sliding sync (MSC4186) through a real server, for two and three users, on SQLite and PostgreSQL. */
class SlidingSyncHttpTest extends DialectServerTest {
    private static final String PATH = "/_matrix/client/unstable/org.matrix.simplified_msc3575/sync";
    private static final String ALL_ROOMS = "{\"lists\":{\"all\":{\"ranges\":[[0,20]],\"timeline_limit\":10,"
            + "\"required_state\":[[\"m.room.create\",\"\"],[\"m.room.member\",\"$ME\"]]}}";
    private static final String EXTENSIONS = ",\"extensions\":{\"to_device\":{\"enabled\":true},\"typing\":{\"enabled\":true},"
            + "\"receipts\":{\"enabled\":true},\"account_data\":{\"enabled\":true},\"presence\":{\"enabled\":true},"
            + "\"e2ee\":{\"enabled\":true}}}";

    SlidingSyncHttpTest() {
        super(2); // alice and bob
    }

    private Reply slide(User user, String pos, String query, String body) {
        String url = server.baseUrl() + PATH + "?" + (pos == null ? "" : "pos=" + RoomCalls.enc(pos) + "&") + query;
        return Http.call("POST", url, user.accessToken(), body);
    }

    private JsonNode ok(Reply reply) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.json().path("pos").asText()).isNotEmpty();
        return reply.json();
    }

    private static List<String> bodies(JsonNode response, String room) {
        List<String> out = new ArrayList<>();
        response.path("rooms").path(room).path("timeline").forEach(e -> {
            if (e.path("type").asText().equals("m.room.message")) {
                out.add(e.path("content").path("body").asText());
            }
        });
        return out;
    }

    @Test
    void versionsAdvertiseTheUnstableFeature() {
        JsonNode versions = Http.get(server.baseUrl() + "/_matrix/client/versions").json();
        assertThat(versions.path("unstable_features").path("org.matrix.simplified_msc3575").asBoolean()).isTrue();
    }

    @Test
    void messagesInvitesJoinsAndLeavesArriveOnceInOrderForThreeUsers() {
        User carol = TestUsers.register(server, "carol", "pw");
        String room = calls.createRoom(alice, "{\"name\":\"Tea\",\"preset\":\"public_chat\"}");
        calls.text(alice, room, "zero");
        JsonNode first = ok(slide(alice, null, "", ALL_ROOMS + "}"));
        JsonNode section = first.path("rooms").path(room);
        assertThat(section.path("initial").asBoolean()).isTrue();
        assertThat(section.path("name").asText()).isEqualTo("Tea");
        assertThat(section.path("membership").asText()).isEqualTo("join");
        assertThat(section.path("joined_count").asInt()).isEqualTo(1);
        assertThat(section.path("bump_stamp").asLong()).isPositive();
        assertThat(section.path("num_live").asInt()).isZero();
        assertThat(section.path("required_state").findValuesAsText("type")).containsExactlyInAnyOrder("m.room.create",
                "m.room.member");
        assertThat(bodies(first, room)).containsExactly("zero");
        assertThat(first.path("lists").path("all").path("count").asInt()).isEqualTo(1);
        String alicePos = first.path("pos").asText();

        String bobPos = ok(slide(bob, null, "", ALL_ROOMS + "}")).path("pos").asText();
        Http.call("POST", calls.v3("/rooms/" + RoomCalls.enc(room) + "/invite"), alice.accessToken(),
                "{\"user_id\":\"" + bob.userId() + "\"}");
        JsonNode invited = ok(slide(bob, bobPos, "", ALL_ROOMS + "}"));
        JsonNode invite = invited.path("rooms").path(room);
        assertThat(invite.path("membership").asText()).isEqualTo("invite");
        assertThat(invite.path("invite_state").findValuesAsText("type")).contains("m.room.create", "m.room.name",
                "m.room.member");
        assertThat(invite.has("timeline")).isFalse();
        bobPos = invited.path("pos").asText();

        calls.join(bob, room);
        calls.join(carol, room);
        JsonNode joined = ok(slide(bob, bobPos, "", ALL_ROOMS + "}"));
        assertThat(joined.path("rooms").path(room).path("initial").asBoolean()).isTrue();
        assertThat(joined.path("rooms").path(room).path("membership").asText()).isEqualTo("join");
        bobPos = joined.path("pos").asText();

        List<String> expected = new ArrayList<>();
        User[] speakers = {alice, bob, alice, bob};
        for (int i = 0; i < speakers.length; i++) {
            calls.text(speakers[i], room, "message " + i);
            expected.add("message " + i);
        }
        JsonNode aliceSees = ok(slide(alice, alicePos, "", ALL_ROOMS + "}"));
        assertThat(bodies(aliceSees, room)).containsExactlyElementsOf(expected);
        assertThat(aliceSees.path("rooms").path(room).has("initial")).isFalse();
        assertThat(aliceSees.path("rooms").path(room).path("num_live").asInt())
                .isEqualTo(aliceSees.path("rooms").path(room).path("timeline").size());
        assertThat(aliceSees.path("rooms").path(room).path("joined_count").asInt()).isEqualTo(3);
        JsonNode bobSees = ok(slide(bob, bobPos, "", ALL_ROOMS + "}"));
        assertThat(bodies(bobSees, room)).containsExactlyElementsOf(expected);
        // Carol's first request: the room's newest events, the conversation at their end, in order.
        JsonNode carolSees = ok(slide(carol, null, "", ALL_ROOMS + "}"));
        assertThat(bodies(carolSees, room)).containsExactly("zero", "message 0", "message 1", "message 2", "message 3");

        // Nothing twice: the next response has no room.
        JsonNode again = ok(slide(alice, aliceSees.path("pos").asText(), "", ALL_ROOMS + "}"));
        assertThat(again.path("rooms").has(room)).isFalse();

        calls.leave(bob, room);
        JsonNode left = ok(slide(bob, bobSees.path("pos").asText(), "", ALL_ROOMS + "}"));
        JsonNode leave = left.path("rooms").path(room);
        assertThat(leave.path("membership").asText()).isEqualTo("leave");
        JsonNode timeline = leave.path("timeline");
        assertThat(timeline.get(timeline.size() - 1).path("content").path("membership").asText()).isEqualTo("leave");
        calls.text(alice, room, "bob cannot see this");
        JsonNode afterLeave = ok(slide(bob, left.path("pos").asText(), "", ALL_ROOMS + "}"));
        assertThat(afterLeave.path("rooms").has(room)).isFalse();
    }

    @Test
    void stateChangesArriveAsRequiredStateAndNameOnce() {
        String room = calls.createRoom(alice, "{\"name\":\"Old\",\"topic\":\"t\"}");
        String body = "{\"lists\":{\"all\":{\"ranges\":[[0,9]],\"timeline_limit\":5,\"required_state\":[[\"*\",\"*\"]]}}}";
        JsonNode first = ok(slide(alice, null, "", body));
        assertThat(first.path("rooms").path(room).path("required_state").findValuesAsText("type"))
                .contains("m.room.create", "m.room.power_levels", "m.room.topic", "m.room.name", "m.room.member");
        Reply rename = Http.call("PUT", calls.v3("/rooms/" + RoomCalls.enc(room) + "/state/m.room.name"),
                alice.accessToken(), "{\"name\":\"New\"}");
        assertThat(rename.status()).isEqualTo(200);
        JsonNode next = ok(slide(alice, first.path("pos").asText(), "", body));
        JsonNode section = next.path("rooms").path(room);
        assertThat(section.path("name").asText()).isEqualTo("New");
        assertThat(section.path("required_state").findValuesAsText("type")).containsExactly("m.room.name");
        JsonNode quiet = ok(slide(alice, next.path("pos").asText(), "", body));
        assertThat(quiet.path("rooms").has(room)).isFalse();
    }

    @Test
    void lazyMembersBringOnlyTheSendersOnce() {
        User carol = TestUsers.register(server, "carol", "pw");
        String room = calls.createRoom(alice, "{\"preset\":\"public_chat\"}");
        calls.join(bob, room);
        calls.join(carol, room);
        calls.text(bob, room, "from bob");
        String body = "{\"room_subscriptions\":{\"" + room + "\":{\"timeline_limit\":1,"
                + "\"required_state\":[[\"m.room.member\",\"$LAZY\"],[\"m.room.create\",\"\"]]}}}";
        JsonNode first = ok(slide(alice, null, "", body));
        JsonNode state = first.path("rooms").path(room).path("required_state");
        assertThat(state.findValuesAsText("state_key")).containsExactlyInAnyOrder("", bob.userId());
        calls.text(bob, room, "bob again");
        calls.text(carol, room, "from carol");
        JsonNode next = ok(slide(alice, first.path("pos").asText(), "", body.replace("\"timeline_limit\":1", "\"timeline_limit\":1")));
        JsonNode members = next.path("rooms").path(room).path("required_state");
        // limit 1 with two new events: a gap, so only the sender of what is shown, and bob is not re-sent.
        assertThat(members.findValuesAsText("state_key")).containsExactly(carol.userId());
    }

    @Test
    void listsAreOrderedByActivityAndFiltered() {
        String older = calls.createRoom(alice, "{\"name\":\"older\"}");
        String newer = calls.createRoom(alice, "{\"name\":\"newer\"}");
        String space = calls.createRoom(alice, "{\"name\":\"space\",\"creation_content\":{\"type\":\"m.space\"}}");
        String encrypted = calls.createRoom(alice, "{\"initial_state\":[{\"type\":\"m.room.encryption\",\"state_key\":\"\","
                + "\"content\":{\"algorithm\":\"m.megolm.v1.aes-sha2\"}}]}");
        calls.text(alice, older, "bump");
        Http.call("POST", calls.v3("/rooms/" + RoomCalls.enc(newer) + "/invite"), alice.accessToken(),
                "{\"user_id\":\"" + bob.userId() + "\"}");
        Reply dm = Http.call("PUT", calls.v3("/user/" + RoomCalls.enc(alice.userId()) + "/account_data/m.direct"),
                alice.accessToken(), "{\"" + bob.userId() + "\":[\"" + newer + "\"]}");
        assertThat(dm.status()).isEqualTo(200);
        String body = "{\"lists\":{"
                + "\"top\":{\"ranges\":[[0,0]],\"timeline_limit\":1,\"required_state\":[]},"
                + "\"spaces\":{\"ranges\":[[0,9]],\"timeline_limit\":0,\"required_state\":[],\"filters\":{\"room_types\":[\"m.space\"]}},"
                + "\"rooms\":{\"ranges\":[[0,9]],\"timeline_limit\":0,\"required_state\":[],\"filters\":{\"not_room_types\":[\"m.space\"],\"is_encrypted\":false}},"
                + "\"dms\":{\"ranges\":[[0,9]],\"timeline_limit\":0,\"required_state\":[],\"filters\":{\"is_dm\":true}},"
                + "\"secret\":{\"ranges\":[[0,9]],\"timeline_limit\":0,\"required_state\":[],\"filters\":{\"is_encrypted\":true}}}}";
        JsonNode response = ok(slide(alice, null, "", body));
        JsonNode lists = response.path("lists");
        assertThat(lists.path("top").path("count").asInt()).isEqualTo(4);
        assertThat(lists.path("spaces").path("count").asInt()).isEqualTo(1);
        assertThat(lists.path("rooms").path("count").asInt()).isEqualTo(2);
        assertThat(lists.path("dms").path("count").asInt()).isEqualTo(1);
        assertThat(lists.path("secret").path("count").asInt()).isEqualTo(1);
        JsonNode rooms = response.path("rooms");
        assertThat(rooms.path(newer).path("lists").toString()).contains("top", "rooms", "dms");
        assertThat(rooms.path(newer).path("is_dm").asBoolean()).isTrue();
        assertThat(rooms.path(space).path("lists").toString()).contains("spaces").doesNotContain("top");
        assertThat(rooms.path(encrypted).path("lists").toString()).contains("secret");
        assertThat(rooms.path(older).path("lists").toString()).contains("rooms");

        // Bob's invite list.
        String invites = "{\"lists\":{\"invites\":{\"ranges\":[[0,9]],\"timeline_limit\":1,\"required_state\":[],"
                + "\"filters\":{\"is_invite\":true}}}}";
        JsonNode bobs = ok(slide(bob, null, "", invites));
        assertThat(bobs.path("lists").path("invites").path("count").asInt()).isEqualTo(1);
        assertThat(bobs.path("rooms").has(newer)).isTrue();
    }

    @Test
    void typingReceiptsPresenceAndToDeviceArriveThroughExtensions() {
        String room = calls.createRoom(alice, "{\"preset\":\"public_chat\"}");
        calls.join(bob, room);
        JsonNode first = ok(slide(bob, null, "", ALL_ROOMS + EXTENSIONS));
        JsonNode ext = first.path("extensions");
        assertThat(ext.path("e2ee").path("device_lists").path("changed")).isEmpty();
        assertThat(ext.path("e2ee").has("device_one_time_keys_count")).isTrue();
        String toDeviceSince = ext.path("to_device").path("next_batch").asText();
        String bobPos = first.path("pos").asText();

        String message = calls.text(alice, room, "read me");
        assertThat(Http.call("PUT", calls.v3("/rooms/" + RoomCalls.enc(room) + "/typing/" + RoomCalls.enc(alice.userId())),
                alice.accessToken(), "{\"typing\":true,\"timeout\":30000}").status()).isEqualTo(200);
        assertThat(Http.call("POST", calls.v3("/rooms/" + RoomCalls.enc(room) + "/receipt/m.read/" + RoomCalls.enc(message)),
                alice.accessToken(), "{}").status()).isEqualTo(200);
        assertThat(Http.call("PUT", calls.v3("/presence/" + RoomCalls.enc(alice.userId()) + "/status"),
                alice.accessToken(), "{\"presence\":\"unavailable\",\"status_msg\":\"tea\"}").status()).isEqualTo(200);
        assertThat(Http.call("PUT", calls.v3("/sendToDevice/org.example.ping/t1"), alice.accessToken(),
                "{\"messages\":{\"" + bob.userId() + "\":{\"*\":{\"n\":1}}}}").status()).isEqualTo(200);
        assertThat(Http.call("PUT", calls.v3("/user/" + RoomCalls.enc(bob.userId()) + "/rooms/" + RoomCalls.enc(room)
                + "/account_data/org.example.tag"), bob.accessToken(), "{\"pinned\":true}").status()).isEqualTo(200);
        ObjectNode aliceKeys = Json.MAPPER.createObjectNode();
        aliceKeys.set("device_keys", KeyFixtures.deviceKeys(alice.userId(), alice.deviceId(),
                KeyFixtures.deviceKey(alice.deviceId())));
        assertThat(Http.call("POST", calls.v3("/keys/upload"), alice.accessToken(), aliceKeys.toString()).status())
                .isEqualTo(200);
        SigningKey bobDevice = KeyFixtures.deviceKey(bob.deviceId());
        ObjectNode bobKeys = Json.MAPPER.createObjectNode();
        bobKeys.putObject("one_time_keys").set("signed_curve25519:AAAAAQ",
                KeyFixtures.signedCurve25519(bob.userId(), "b64key", bobDevice));
        assertThat(Http.call("POST", calls.v3("/keys/upload"), bob.accessToken(), bobKeys.toString()).status())
                .isEqualTo(200);

        String body = ALL_ROOMS + EXTENSIONS.replace("\"to_device\":{\"enabled\":true}",
                "\"to_device\":{\"enabled\":true,\"since\":\"" + toDeviceSince + "\"}");
        JsonNode next = ok(slide(bob, bobPos, "", body));
        ext = next.path("extensions");
        assertThat(bodies(next, room)).containsExactly("read me");
        assertThat(next.path("rooms").path(room).path("notification_count").asInt()).isEqualTo(1);
        assertThat(ext.path("typing").path("rooms").path(room).path("content").path("user_ids").get(0).asText())
                .isEqualTo(alice.userId());
        assertThat(ext.path("receipts").path("rooms").path(room).path("content").path(message).path("m.read")
                .has(alice.userId())).isTrue();
        assertThat(ext.path("presence").path("events").findValuesAsText("sender")).contains(alice.userId());
        assertThat(ext.path("to_device").path("events").findValuesAsText("type")).containsExactly("org.example.ping");
        assertThat(ext.path("account_data").path("rooms").path(room).get(0).path("content").path("pinned").asBoolean())
                .isTrue();
        assertThat(ext.path("e2ee").path("device_lists").path("changed").toString()).contains(alice.userId());
        assertThat(ext.path("e2ee").path("device_one_time_keys_count").path("signed_curve25519").asInt()).isEqualTo(1);
        String nextToDevice = ext.path("to_device").path("next_batch").asText();

        // Exactly once: the following response carries none of it again.
        String ackBody = body.replace(toDeviceSince, nextToDevice);
        JsonNode quiet = ok(slide(bob, next.path("pos").asText(), "", ackBody));
        assertThat(quiet.path("rooms").has(room)).isFalse();
        assertThat(quiet.path("extensions").path("typing").path("rooms")).isEmpty();
        assertThat(quiet.path("extensions").path("receipts").path("rooms")).isEmpty();
        assertThat(quiet.path("extensions").path("to_device").path("events")).isEmpty();
        assertThat(quiet.path("extensions").path("account_data").path("rooms")).isEmpty();
        assertThat(quiet.path("extensions").path("e2ee").path("device_lists").path("changed")).isEmpty();
    }

    @Test
    void aRestartEndsTheConnectionButNothingIsLostOrRepeated() {
        String room = calls.createRoom(alice, "{\"preset\":\"public_chat\"}");
        calls.join(bob, room);
        JsonNode first = ok(slide(bob, null, "", ALL_ROOMS + EXTENSIONS));
        String toDeviceSince = first.path("extensions").path("to_device").path("next_batch").asText();
        calls.text(alice, room, "before restart");
        assertThat(Http.call("PUT", calls.v3("/sendToDevice/org.example.ping/t1"), alice.accessToken(),
                "{\"messages\":{\"" + bob.userId() + "\":{\"*\":{\"n\":1}}}}").status()).isEqualTo(200);
        String withSince = ALL_ROOMS + EXTENSIONS.replace("\"to_device\":{\"enabled\":true}",
                "\"to_device\":{\"enabled\":true,\"since\":\"SINCE\"}");
        JsonNode before = ok(slide(bob, first.path("pos").asText(), "", withSince.replace("SINCE", toDeviceSince)));
        assertThat(bodies(before, room)).containsExactly("before restart");
        assertThat(before.path("extensions").path("to_device").path("events")).hasSize(1);
        String ack = before.path("extensions").path("to_device").path("next_batch").asText();

        server.restart();
        Reply stale = slide(bob, before.path("pos").asText(), "", withSince.replace("SINCE", ack));
        assertThat(stale.status()).isEqualTo(400);
        assertThat(stale.errcode()).isEqualTo("M_UNKNOWN_POS");
        assertThat(Http.call("PUT", calls.v3("/sendToDevice/org.example.ping/t2"), alice.accessToken(),
                "{\"messages\":{\"" + bob.userId() + "\":{\"*\":{\"n\":2}}}}").status()).isEqualTo(200);
        calls.text(alice, room, "after restart");
        JsonNode restarted = ok(slide(bob, null, "", withSince.replace("SINCE", ack)));
        assertThat(restarted.path("rooms").path(room).path("initial").asBoolean()).isTrue();
        assertThat(bodies(restarted, room)).endsWith("before restart", "after restart");
        JsonNode toDevice = restarted.path("extensions").path("to_device").path("events");
        assertThat(toDevice).hasSize(1);
        assertThat(toDevice.get(0).path("content").path("n").asInt()).isEqualTo(2);
    }

    @Test
    void longPollsWaitForNewsAndWakeOnIt() throws Exception {
        String room = calls.createRoom(alice, "{\"preset\":\"public_chat\"}");
        calls.join(bob, room);
        String pos = ok(slide(bob, null, "", ALL_ROOMS + "}")).path("pos").asText();
        long quietStart = System.nanoTime();
        JsonNode quiet = ok(slide(bob, pos, "timeout=400", ALL_ROOMS + "}"));
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - quietStart)).isGreaterThanOrEqualTo(350);
        assertThat(quiet.path("rooms").isEmpty()).isTrue();

        String quietPos = quiet.path("pos").asText();
        long start = System.nanoTime();
        CompletableFuture<Reply> waiting = CompletableFuture.supplyAsync(() -> slide(bob, quietPos, "timeout=20000",
                ALL_ROOMS + "}"));
        Thread.sleep(500);
        calls.text(alice, room, "wake up");
        JsonNode woken = ok(waiting.get(15, TimeUnit.SECONDS));
        assertThat(bodies(woken, room)).containsExactly("wake up");
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(10_000);
    }

    @Test
    void retryingThePreviousPosIsAllowedButBadOrOldPositionsAreNot() {
        String room = calls.createRoom(alice, "{}");
        JsonNode first = ok(slide(alice, null, "", ALL_ROOMS + "}"));
        calls.text(alice, room, "one");
        JsonNode second = ok(slide(alice, first.path("pos").asText(), "", ALL_ROOMS + "}"));
        // The client never saw the answer and retries with the same pos: same events again.
        JsonNode retried = ok(slide(alice, first.path("pos").asText(), "", ALL_ROOMS + "}"));
        assertThat(bodies(retried, room)).isEqualTo(bodies(second, room)).containsExactly("one");
        JsonNode third = ok(slide(alice, retried.path("pos").asText(), "", ALL_ROOMS + "}"));
        assertThat(third.path("rooms").has(room)).isFalse();
        assertThat(slide(alice, first.path("pos").asText(), "", ALL_ROOMS + "}").errcode()).isEqualTo("M_UNKNOWN_POS");
        for (String bad : List.of("garbage", "x_1", "_", "abc_notanumber")) {
            Reply reply = slide(alice, bad, "", ALL_ROOMS + "}");
            assertThat(reply.status()).as(bad).isEqualTo(400);
            assertThat(reply.errcode()).as(bad).isEqualTo("M_UNKNOWN_POS");
        }
        // Another conn_id is another connection: alice's pos does not work there.
        Reply other = slide(alice, third.path("pos").asText(), "", "{\"conn_id\":\"other\"}");
        assertThat(other.errcode()).isEqualTo("M_UNKNOWN_POS");
        assertThat(slide(alice, null, "", "{\"lists\":{\"a\":{\"ranges\":[[5,1]]}}}").errcode()).isEqualTo("M_BAD_JSON");
        assertThat(slide(alice, null, "", "{\"lists\":[]}").errcode()).isEqualTo("M_BAD_JSON");
        assertThat(slide(alice, null, "timeout=soon", "{}").errcode()).isEqualTo("M_INVALID_PARAM");
        assertThat(slide(alice, null, "", "{\"lists\":{\"a\":{\"required_state\":[[\"only-one\"]]}}}").errcode())
                .isEqualTo("M_BAD_JSON");
    }

    @Test
    void subscriptionsSeeOnlyTheUsersRoomsAndKickedRoomsShowUp() {
        String mine = calls.createRoom(alice, "{\"preset\":\"public_chat\"}");
        String theirs = calls.createRoom(bob, "{\"preset\":\"public_chat\"}");
        calls.text(bob, theirs, "not for alice");
        String body = "{\"txn_id\":\"t-1\",\"room_subscriptions\":{\"" + mine + "\":{\"timeline_limit\":1},\""
                + theirs + "\":{\"timeline_limit\":5},\"!missing:test.local\":{\"timeline_limit\":5}}}";
        JsonNode response = ok(slide(alice, null, "", body));
        assertThat(response.path("txn_id").asText()).isEqualTo("t-1");
        assertThat(response.path("rooms").has(mine)).isTrue();
        assertThat(response.path("rooms").has(theirs)).isFalse();
        assertThat(response.path("rooms").has("!missing:test.local")).isFalse();
        assertThat(response.path("rooms").path(mine).has("lists")).isFalse();

        // A bigger timeline_limit sends the room afresh with more history.
        calls.text(alice, mine, "a");
        calls.text(alice, mine, "b");
        String pos = ok(slide(alice, response.path("pos").asText(), "", body)).path("pos").asText();
        JsonNode expanded = ok(slide(alice, pos, "", body.replace("\"timeline_limit\":1", "\"timeline_limit\":3")));
        assertThat(expanded.path("rooms").path(mine).path("initial").asBoolean()).isTrue();
        assertThat(bodies(expanded, mine)).containsExactly("a", "b");

        // Bob is kicked from alice's room: a new connection still lists it, as "leave".
        calls.join(bob, mine);
        assertThat(Http.call("POST", calls.v3("/rooms/" + RoomCalls.enc(mine) + "/kick"), alice.accessToken(),
                "{\"user_id\":\"" + bob.userId() + "\"}").status()).isEqualTo(200);
        calls.leave(bob, theirs);
        JsonNode bobs = ok(slide(bob, null, "", ALL_ROOMS + "}"));
        assertThat(bobs.path("rooms").path(mine).path("membership").asText()).isEqualTo("leave");
        // A room bob left himself is not listed on a new connection.
        assertThat(bobs.path("rooms").has(theirs)).isFalse();
        assertThat(bobs.path("lists").path("all").path("count").asInt()).isEqualTo(1);
    }
}
