package dev.parley.http.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.DialectServerTest;
import dev.parley.testing.Http;
import dev.parley.testing.Http.Reply;
import dev.parley.testing.RoomCalls;
import dev.parley.testing.TestUsers.User;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code /sync} filters (lazy-loaded members, state and timeline filters), the knock section and
 * unread counts, through a real server on SQLite and PostgreSQL.
 */
class SyncFiltersHttpTest extends DialectServerTest {
    SyncFiltersHttpTest() {
        super(3); // alice, bob and carol
    }

    /**
     * {@code /sync} with {@code filter}: in this class, whose every test syncs with a filter, the
     * third argument is a filter ID or inline JSON (or null for none), not raw query parameters.
     */
    @Override
    protected JsonNode sync(User user, String since, String filter) {
        return super.sync(user, since, filter == null ? "" : "filter=" + enc(filter));
    }

    private static List<String> memberKeys(JsonNode sync, String room) {
        List<String> out = new ArrayList<>();
        sync.path("rooms").path("join").path(room).path("state").path("events").forEach(e -> {
            if (e.path("type").asText().equals("m.room.member")) {
                out.add(e.path("state_key").asText());
            }
        });
        return out;
    }

    private static List<String> timelineSenders(JsonNode sync, String room) {
        return sync.path("rooms").path("join").path(room).path("timeline").path("events").findValuesAsText("sender");
    }

    @Test
    void lazyLoadingSendsOnlyTheTimelineSendersAndTheUserOnce() {
        String room = calls.createRoom(alice, "{\"preset\":\"public_chat\"}");
        calls.join(bob, room);
        calls.join(carol, room);
        calls.text(bob, room, "bob speaks");
        String lazy = "{\"room\":{\"timeline\":{\"limit\":1},\"state\":{\"lazy_load_members\":true}}}";
        JsonNode first = sync(alice, null, lazy);
        assertThat(memberKeys(first, room)).containsExactlyInAnyOrder(alice.userId(), bob.userId());
        assertThat(first.path("rooms").path("join").path(room).path("state").path("events").findValuesAsText("type"))
                .contains("m.room.create", "m.room.power_levels");

        calls.text(bob, room, "bob again");
        calls.text(carol, room, "carol speaks");
        JsonNode second = sync(alice, first.path("next_batch").asText(),
                lazy.replace("\"limit\":1", "\"limit\":10"));
        // Bob was already sent to this device; carol is new.
        assertThat(memberKeys(second, room)).containsExactly(carol.userId());

        calls.text(bob, room, "bob thrice");
        String redundant = "{\"room\":{\"state\":{\"lazy_load_members\":true,\"include_redundant_members\":true}}}";
        JsonNode third = sync(alice, second.path("next_batch").asText(), redundant);
        assertThat(memberKeys(third, room)).containsExactlyInAnyOrder(alice.userId(), bob.userId());

        // Without lazy loading, an initial sync's state has every member.
        assertThat(memberKeys(sync(alice, null, "{\"room\":{\"timeline\":{\"limit\":1}}}"), room))
                .containsExactlyInAnyOrder(alice.userId(), bob.userId(), carol.userId());
    }

    @Test
    void stateAndTimelineFiltersSelectTypesAndSenders() {
        String room = calls.createRoom(alice, "{\"preset\":\"public_chat\",\"topic\":\"tea\"}");
        calls.join(bob, room);
        calls.text(alice, room, "from alice");
        calls.text(bob, room, "from bob");
        calls.send(bob, room, "org.example.custom", "{}");

        JsonNode onlyBob = sync(alice, null, "{\"room\":{\"timeline\":{\"senders\":[\"" + bob.userId() + "\"]}}}");
        assertThat(timelineSenders(onlyBob, room)).isNotEmpty().containsOnly(bob.userId());
        JsonNode notBob = sync(alice, null, "{\"room\":{\"timeline\":{\"limit\":50,\"not_senders\":[\"" + bob.userId()
                + "\"],\"not_types\":[\"m.room.member\"]}}}");
        assertThat(timelineSenders(notBob, room)).isNotEmpty().containsOnly(alice.userId());
        assertThat(notBob.path("rooms").path("join").path(room).path("timeline").path("events").findValuesAsText("type"))
                .doesNotContain("m.room.member");

        JsonNode topicOnly = sync(alice, null, "{\"room\":{\"timeline\":{\"limit\":1},\"state\":{\"types\":[\"m.room.topic\"]}}}");
        assertThat(topicOnly.path("rooms").path("join").path(room).path("state").path("events").findValuesAsText("type"))
                .containsOnly("m.room.topic");
        JsonNode noMembers = sync(alice, null, "{\"room\":{\"timeline\":{\"limit\":1},\"state\":{\"not_types\":[\"m.room.member\"],"
                + "\"not_senders\":[\"" + bob.userId() + "\"]}}}");
        JsonNode stateEvents = noMembers.path("rooms").path("join").path(room).path("state").path("events");
        assertThat(stateEvents.findValuesAsText("type")).doesNotContain("m.room.member").contains("m.room.create");
        JsonNode bobsState = sync(alice, null, "{\"room\":{\"timeline\":{\"limit\":1},\"state\":{\"senders\":[\"" + bob.userId() + "\"]}}}");
        assertThat(bobsState.path("rooms").path("join").path(room).path("state").path("events").findValuesAsText("sender"))
                .containsOnly(bob.userId());

        String other = calls.createRoom(alice, "{}");
        JsonNode notOther = sync(alice, null, "{\"room\":{\"not_rooms\":[\"" + other + "\"]}}");
        assertThat(notOther.path("rooms").path("join").has(other)).isFalse();
        assertThat(notOther.path("rooms").path("join").has(room)).isTrue();
        JsonNode onlyOther = sync(alice, null, "{\"room\":{\"rooms\":[\"" + other + "\"]}}");
        assertThat(onlyOther.path("rooms").path("join").has(room)).isFalse();
        assertThat(onlyOther.path("rooms").path("join").has(other)).isTrue();
    }

    @Test
    void knocksAppearWithStrippedStateAndMoveWhenAnswered() {
        String room = calls.createRoom(alice, "{\"name\":\"Knock here\",\"initial_state\":[{\"type\":\"m.room.join_rules\","
                + "\"state_key\":\"\",\"content\":{\"join_rule\":\"knock\"}}]}");
        String bobToken = sync(bob, null, null).path("next_batch").asText();
        Reply knocked = Http.call("POST", calls.v3("/knock/" + RoomCalls.enc(room)), bob.accessToken(), "{}");
        assertThat(knocked.status()).as(knocked.body()).isEqualTo(200);
        JsonNode withKnock = sync(bob, bobToken, null);
        JsonNode knockState = withKnock.path("rooms").path("knock").path(room).path("knock_state").path("events");
        assertThat(knockState.findValuesAsText("type")).contains("m.room.name", "m.room.join_rules", "m.room.member");
        assertThat(sync(bob, null, null).path("rooms").path("knock").has(room)).isTrue();
        String next = withKnock.path("next_batch").asText();
        assertThat(sync(bob, next, null).path("rooms").path("knock").has(room)).isFalse();

        Reply invite = Http.call("POST", calls.v3("/rooms/" + RoomCalls.enc(room) + "/invite"), alice.accessToken(),
                "{\"user_id\":\"" + bob.userId() + "\"}");
        assertThat(invite.status()).as(invite.body()).isEqualTo(200);
        calls.join(bob, room);
        JsonNode joined = sync(bob, next, null);
        assertThat(joined.path("rooms").path("join").has(room)).isTrue();
        assertThat(joined.path("rooms").path("knock").has(room)).isFalse();

        // A refused knock (the knocker is kicked) moves to "leave".
        String carolToken = sync(carol, null, null).path("next_batch").asText();
        assertThat(Http.call("POST", calls.v3("/knock/" + RoomCalls.enc(room)), carol.accessToken(), "{}").status())
                .isEqualTo(200);
        assertThat(Http.call("POST", calls.v3("/rooms/" + RoomCalls.enc(room) + "/kick"), alice.accessToken(),
                "{\"user_id\":\"" + carol.userId() + "\"}").status()).isEqualTo(200);
        JsonNode refused = sync(carol, carolToken, null);
        assertThat(refused.path("rooms").path("leave").has(room)).isTrue();
        assertThat(refused.path("rooms").path("knock").has(room)).isFalse();
    }

    @Test
    void unreadNotificationsCountOthersMessagesAfterTheReadReceipt() {
        String room = calls.createRoom(alice, "{\"preset\":\"public_chat\"}");
        calls.join(bob, room);
        calls.text(alice, room, "one");
        String second = calls.text(alice, room, "two");
        calls.text(alice, room, "three");
        JsonNode section = sync(bob, null, null).path("rooms").path("join").path(room);
        assertThat(section.path("unread_notifications").path("notification_count").asInt()).isEqualTo(3);
        assertThat(section.path("unread_notifications").path("highlight_count").asInt()).isZero();
        assertThat(section.path("unread_thread_notifications").isObject()).isTrue();
        assertThat(Http.call("POST", calls.v3("/rooms/" + RoomCalls.enc(room) + "/receipt/m.read/" + RoomCalls.enc(second)),
                bob.accessToken(), "{}").status()).isEqualTo(200);
        assertThat(sync(bob, null, null).path("rooms").path("join").path(room).path("unread_notifications")
                .path("notification_count").asInt()).isEqualTo(1);
        calls.text(bob, room, "my reply reads everything before it");
        assertThat(sync(bob, null, null).path("rooms").path("join").path(room).path("unread_notifications")
                .path("notification_count").asInt()).isZero();
        assertThat(sync(alice, null, null).path("rooms").path("join").path(room).path("unread_notifications")
                .path("notification_count").asInt()).isEqualTo(1);
    }
}
