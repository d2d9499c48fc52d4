package dev.parley.http.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.DialectServerTest;
import dev.parley.testing.Http;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code /sync?use_state_after=true} (v1.16, MSC4222): {@code state_after} holds the state changes
 * between the last sync and the timeline's <em>end</em>, and {@code state} is left out; without the
 * parameter nothing changes. On SQLite and PostgreSQL.
 */
class SyncStateAfterHttpTest extends DialectServerTest {
    private static final String STATE_AFTER = "use_state_after=true";

    SyncStateAfterHttpTest() {
        super(2); // alice and bob
    }

    private void putState(String room, String type, String content) {
        Http.Reply r = Http.call("PUT", url("/rooms/" + enc(room) + "/state/" + type + "/"), alice.accessToken(), content);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    /** "type|state_key|content" of each event of a section's state batch. */
    private static List<String> events(JsonNode section, String batch) {
        List<String> out = new ArrayList<>();
        section.path(batch).path("events").forEach(e -> out.add(e.path("type").asText() + "|"
                + e.path("state_key").asText() + "|" + e.path("content")));
        return out;
    }

    private static List<String> types(JsonNode section, String batch) {
        return events(section, batch).stream().map(e -> e.substring(0, e.indexOf('|'))).toList();
    }

    @Test
    void initialSyncGivesTheWholeStateAfterTheTimelineAndNoState() {
        String room = createRoom(alice, "{\"name\":\"Tea\"}");
        putState(room, "m.room.name", "{\"name\":\"Coffee\"}");
        sendText(alice, room, "t1", "one");

        JsonNode section = sync(alice, null, STATE_AFTER).path("rooms").path("join").path(room);
        assertThat(section.has("state")).isFalse();
        assertThat(types(section, "state_after")).contains("m.room.create", "m.room.member", "m.room.power_levels",
                "m.room.join_rules", "m.room.name");
        // The name as at the end of the timeline, once.
        assertThat(events(section, "state_after")).filteredOn(e -> e.startsWith("m.room.name|"))
                .containsExactly("m.room.name||{\"name\":\"Coffee\"}");

        // A timeline of one: state_after still ends at the last event; state (without the parameter) at the first.
        String limitOne = "filter=" + enc("{\"room\":{\"timeline\":{\"limit\":1}}}");
        JsonNode limited = sync(alice, null, STATE_AFTER + "&" + limitOne).path("rooms").path("join").path(room);
        assertThat(events(limited, "state_after")).contains("m.room.name||{\"name\":\"Coffee\"}");
        JsonNode classic = sync(alice, null, limitOne).path("rooms").path("join").path(room);
        assertThat(classic.has("state_after")).isFalse();
        assertThat(events(classic, "state")).contains("m.room.name||{\"name\":\"Coffee\"}");
    }

    @Test
    void incrementalSyncGivesTheTimelinesStateChangesAndAnEmptyListWhenNothingChanged() {
        String room = createRoom(alice, "{\"name\":\"Tea\",\"preset\":\"public_chat\"}");
        String since = sync(alice, null, STATE_AFTER).path("next_batch").asText();

        putState(room, "m.room.name", "{\"name\":\"Coffee\"}");
        putState(room, "m.room.name", "{\"name\":\"Cocoa\"}");
        sendText(alice, room, "t1", "after");
        JsonNode next = sync(alice, since, STATE_AFTER);
        JsonNode section = next.path("rooms").path("join").path(room);
        assertThat(section.has("state")).isFalse();
        assertThat(events(section, "state_after")).containsExactly("m.room.name||{\"name\":\"Cocoa\"}");
        assertThat(timelineBodies(next, room)).containsExactly("after");
        // Without the parameter the same changes are in the timeline only: state is empty.
        JsonNode classic = sync(alice, since, "").path("rooms").path("join").path(room);
        assertThat(classic.has("state_after")).isFalse();
        assertThat(classic.path("state").path("events")).isEmpty();

        since = next.path("next_batch").asText();
        sendText(alice, room, "t2", "just a message");
        JsonNode quiet = sync(alice, since, STATE_AFTER).path("rooms").path("join").path(room);
        assertThat(quiet.path("state_after").path("events").isArray()).isTrue();
        assertThat(quiet.path("state_after").path("events")).isEmpty();
    }

    @Test
    void aLimitedIncrementalSyncCountsChangesBeforeAndInsideTheTimeline() {
        String room = createRoom(alice, "{\"name\":\"Tea\"}");
        String since = sync(alice, null, STATE_AFTER).path("next_batch").asText();
        putState(room, "m.room.topic", "{\"topic\":\"gap\"}");
        sendText(alice, room, "t1", "one");
        sendText(alice, room, "t2", "two");
        putState(room, "m.room.name", "{\"name\":\"Coffee\"}");
        String limitTwo = "filter=" + enc("{\"room\":{\"timeline\":{\"limit\":2}}}");
        JsonNode section = sync(alice, since, STATE_AFTER + "&" + limitTwo).path("rooms").path("join").path(room);
        assertThat(section.path("timeline").path("limited").asBoolean()).isTrue();
        assertThat(events(section, "state_after")).containsExactlyInAnyOrder("m.room.topic||{\"topic\":\"gap\"}",
                "m.room.name||{\"name\":\"Coffee\"}");
    }

    @Test
    void lazilyLoadedMembersIncludeTheSendersAndEveryChangedMembership() {
        String room = createRoom(alice, "{\"preset\":\"public_chat\"}");
        String lazy = "filter=" + enc("{\"room\":{\"state\":{\"lazy_load_members\":true}}}");
        JsonNode first = sync(alice, null, STATE_AFTER + "&" + lazy);
        assertThat(events(first.path("rooms").path("join").path(room), "state_after"))
                .filteredOn(e -> e.startsWith("m.room.member|")).hasSize(1);
        String since = first.path("next_batch").asText();

        Http.call("POST", url("/join/" + enc(room)), bob.accessToken(), "{}");
        sendText(bob, room, "b1", "hello");
        JsonNode section = sync(alice, since, STATE_AFTER + "&" + lazy).path("rooms").path("join").path(room);
        assertThat(events(section, "state_after")).filteredOn(e -> e.startsWith("m.room.member|"))
                .singleElement().asString().startsWith("m.room.member|" + bob.userId() + "|").contains("\"join\"");
    }

    @Test
    void aLeftRoomGivesTheTimelinesLatestStateInStateAfter() {
        String room = createRoom(alice, "{\"preset\":\"public_chat\"}");
        Http.call("POST", url("/join/" + enc(room)), bob.accessToken(), "{}");
        String since = sync(bob, null, STATE_AFTER).path("next_batch").asText();
        putState(room, "m.room.name", "{\"name\":\"Coffee\"}");
        Http.call("POST", url("/rooms/" + enc(room) + "/leave"), bob.accessToken(), "{}");

        JsonNode left = sync(bob, since, STATE_AFTER).path("rooms").path("leave").path(room);
        assertThat(left.has("state")).isFalse();
        assertThat(events(left, "state_after")).contains("m.room.name||{\"name\":\"Coffee\"}");
        assertThat(events(left, "state_after")).filteredOn(e -> e.startsWith("m.room.member|" + bob.userId()))
                .singleElement().asString().contains("\"leave\"");
        assertThat(sync(bob, since, "").path("rooms").path("leave").path(room).has("state_after")).isFalse();
    }
}
