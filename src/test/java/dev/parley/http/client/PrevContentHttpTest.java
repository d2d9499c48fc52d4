package dev.parley.http.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.core.json.Json;
import dev.parley.testing.DialectServerTest;
import dev.parley.testing.Http;
import dev.parley.testing.Http.Reply;
import dev.parley.testing.TestUsers.User;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * {@code unsigned.replaces_state}, {@code prev_content} and {@code prev_sender} of client-formatted
 * state events (Client-Server API, "Room event format", {@code UnsignedData}), on every endpoint
 * that serves them.
 */
class PrevContentHttpTest extends DialectServerTest {
    private static final String WIDE_TIMELINE = "filter=" + enc("{\"room\":{\"timeline\":{\"limit\":50}}}");
    private static final String SLIDING = "/_matrix/client/unstable/org.matrix.simplified_msc3575/sync";

    PrevContentHttpTest() {
        super(2); // alice and bob
    }

    private String state(User user, String room, String type, String stateKey, String content) {
        Reply r = Http.call("PUT", url("/rooms/" + enc(room) + "/state/" + enc(type) + "/" + enc(stateKey)),
                user.accessToken(), content);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().path("event_id").asText();
    }

    private JsonNode ok(Reply r) {
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    private JsonNode get(User user, String path) {
        return ok(Http.get(url(path), user.accessToken()));
    }

    private static JsonNode find(JsonNode events, String eventId) {
        return StreamSupport.stream(events.spliterator(), false).filter(e -> e.path("event_id").asText().equals(eventId))
                .findFirst().orElseThrow(() -> new AssertionError(eventId + " not among " + events));
    }

    private static JsonNode json(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** The event carries what it replaced: that event's ID, its (stored) content and its sender. */
    private static void replaces(JsonNode event, String replaced, JsonNode content, String sender) {
        JsonNode unsigned = event.path("unsigned");
        assertThat(unsigned.path("replaces_state").asText()).as(event.toString()).isEqualTo(replaced);
        assertThat(unsigned.path("prev_content")).as(event.toString()).isEqualTo(content);
        assertThat(unsigned.path("prev_sender").asText()).as(event.toString()).isEqualTo(sender);
        assertThat(unsigned.path("age").isIntegralNumber()).isTrue();
    }

    private static void replacesNothing(JsonNode event) {
        assertThat(event.path("unsigned").has("replaces_state")).as(event.toString()).isFalse();
        assertThat(event.path("unsigned").has("prev_content")).as(event.toString()).isFalse();
        assertThat(event.path("unsigned").has("prev_sender")).as(event.toString()).isFalse();
    }

    /**
     * A display-name change is told apart from a join by the join it replaced, on /event,
     * /sync (timeline, state, sliding sync), /messages, /context, /state and /members; the join
     * itself, a first one, replaced nothing.
     */
    @Test
    void aDisplayNameChangeCarriesTheJoinItReplacedEverywhere() {
        String room = createRoom(alice, "{\"preset\":\"public_chat\"}");
        calls.join(bob, room);
        String join = get(bob, "/rooms/" + enc(room) + "/state/m.room.member/" + enc(bob.userId()) + "?format=event")
                .path("event_id").asText();
        JsonNode joinContent = get(bob, "/rooms/" + enc(room) + "/event/" + enc(join)).path("content");
        assertThat(joinContent.path("membership").asText()).isEqualTo("join");
        String rename = state(bob, room, "m.room.member", bob.userId(), "{\"membership\":\"join\",\"displayname\":\"Bobby\"}");
        String after = calls.text(alice, room, "after");

        replacesNothing(get(alice, "/rooms/" + enc(room) + "/event/" + enc(join)));
        replaces(get(alice, "/rooms/" + enc(room) + "/event/" + enc(rename)), join, joinContent, bob.userId());
        replacesNothing(get(alice, "/rooms/" + enc(room) + "/event/" + enc(after)));

        JsonNode timeline = sync(alice, null, WIDE_TIMELINE).path("rooms").path("join").path(room).path("timeline").path("events");
        replaces(find(timeline, rename), join, joinContent, bob.userId());
        replacesNothing(find(timeline, join));
        replacesNothing(find(timeline, after));

        JsonNode chunk = get(alice, "/rooms/" + enc(room) + "/messages?dir=b&limit=50").path("chunk");
        replaces(find(chunk, rename), join, joinContent, bob.userId());
        replacesNothing(find(chunk, join));

        JsonNode context = get(alice, "/rooms/" + enc(room) + "/context/" + enc(rename) + "?limit=4");
        replaces(context.path("event"), join, joinContent, bob.userId());
        replacesNothing(find(context.path("events_before"), join));
        replaces(find(context.path("state"), rename), join, joinContent, bob.userId());

        replaces(find(get(alice, "/rooms/" + enc(room) + "/state"), rename), join, joinContent, bob.userId());
        replaces(get(alice, "/rooms/" + enc(room) + "/state/m.room.member/" + enc(bob.userId()) + "?format=event"),
                join, joinContent, bob.userId());
        replaces(find(get(alice, "/rooms/" + enc(room) + "/members").path("chunk"), rename), join, joinContent, bob.userId());

        // The rename before a one-event timeline is in the state section.
        JsonNode stateSection = sync(alice, null, "filter=" + enc("{\"room\":{\"timeline\":{\"limit\":1}}}"))
                .path("rooms").path("join").path(room).path("state").path("events");
        replaces(find(stateSection, rename), join, joinContent, bob.userId());

        JsonNode sliding = ok(Http.call("POST", server.baseUrl() + SLIDING, alice.accessToken(),
                "{\"lists\":{\"all\":{\"ranges\":[[0,9]],\"timeline_limit\":3,\"required_state\":[[\"m.room.member\",\""
                        + bob.userId() + "\"]]}}}")).path("rooms").path(room);
        replaces(find(sliding.path("required_state"), rename), join, joinContent, bob.userId());
        replaces(find(sliding.path("timeline"), rename), join, joinContent, bob.userId());

        // Read back from the database, not from what the server kept in memory.
        server.restart();
        replaces(get(alice, "/rooms/" + enc(room) + "/event/" + enc(rename)), join, joinContent, bob.userId());
        replaces(find(get(alice, "/rooms/" + enc(room) + "/messages?dir=b&limit=50").path("chunk"), rename),
                join, joinContent, bob.userId());
    }

    /** "Changed the room name from A to B": the name event carries the old name and who set it. */
    @Test
    void aRoomNameChangeCarriesTheOldNameAndAMessageNothing() {
        String room = createRoom(alice, "{\"preset\":\"public_chat\",\"name\":\"A\",\"power_level_content_override\":"
                + "{\"users\":{\"" + bob.userId() + "\":50}}}");
        calls.join(bob, room);
        String first = get(alice, "/rooms/" + enc(room) + "/state/m.room.name/?format=event").path("event_id").asText();
        String message = calls.text(alice, room, "hello");
        String second = state(bob, room, "m.room.name", "", "{\"name\":\"B\"}");
        String third = state(alice, room, "m.room.name", "", "{\"name\":\"C\"}");

        JsonNode timeline = sync(bob, null, WIDE_TIMELINE).path("rooms").path("join").path(room).path("timeline").path("events");
        replacesNothing(find(timeline, first));
        replacesNothing(find(timeline, message));
        replaces(find(timeline, second), first, json("{\"name\":\"A\"}"), alice.userId());
        replaces(find(timeline, third), second, json("{\"name\":\"B\"}"), bob.userId());
        replaces(get(bob, "/rooms/" + enc(room) + "/state/m.room.name/?format=event"), second, json("{\"name\":\"B\"}"),
                bob.userId());
        assertThat(get(bob, "/rooms/" + enc(room) + "/state/m.room.name/").path("name").asText())
                .as("without format=event, the content alone").isEqualTo("C");
    }

    /** The replaced event as it is stored now: once redacted, its pruned content. */
    @Test
    void aRedactedPredecessorGivesPrunedPrevContent() {
        String room = createRoom(alice, "{\"preset\":\"public_chat\"}");
        String topic = state(alice, room, "m.room.topic", "", "{\"topic\":\"first\"}");
        String next = state(alice, room, "m.room.topic", "", "{\"topic\":\"second\"}");
        // Read once before the redaction, so any copy kept in memory is the unpruned one.
        replaces(get(alice, "/rooms/" + enc(room) + "/event/" + enc(next)), topic, json("{\"topic\":\"first\"}"),
                alice.userId());
        assertThat(calls.redact(alice, room, topic, "r1", "{\"reason\":\"tidy\"}").status()).isEqualTo(200);

        JsonNode pruned = json("{}");
        replaces(get(alice, "/rooms/" + enc(room) + "/event/" + enc(next)), topic, pruned, alice.userId());
        replaces(find(get(alice, "/rooms/" + enc(room) + "/messages?dir=b&limit=50").path("chunk"), next),
                topic, pruned, alice.userId());
        JsonNode timeline = sync(alice, null, WIDE_TIMELINE).path("rooms").path("join").path(room).path("timeline").path("events");
        replaces(find(timeline, next), topic, pruned, alice.userId());
        replaces(find(get(alice, "/rooms/" + enc(room) + "/state"), next), topic, pruned, alice.userId());
    }

    /** An incremental /sync, as a client following the room live sees the change. */
    @Test
    void anIncrementalSyncCarriesIt() {
        String room = createRoom(alice, "{\"preset\":\"public_chat\"}");
        calls.join(bob, room);
        String since = sync(alice, null, "").path("next_batch").asText();
        String join = get(alice, "/rooms/" + enc(room) + "/state/m.room.member/" + enc(bob.userId()) + "?format=event")
                .path("event_id").asText();
        JsonNode joinContent = get(alice, "/rooms/" + enc(room) + "/event/" + enc(join)).path("content");
        List<String> renames = new ArrayList<>();
        renames.add(join);
        for (String name : List.of("One", "Two")) {
            renames.add(state(bob, room, "m.room.member", bob.userId(), "{\"membership\":\"join\",\"displayname\":\"" + name + "\"}"));
        }
        JsonNode timeline = sync(alice, since, "").path("rooms").path("join").path(room).path("timeline").path("events");
        replaces(find(timeline, renames.get(1)), join, joinContent, bob.userId());
        replaces(find(timeline, renames.get(2)), renames.get(1), json("{\"membership\":\"join\",\"displayname\":\"One\"}"),
                bob.userId());
    }

    /** Relations and thread listings format their events the same way: a state event there carries it too. */
    @Test
    void relationsAndThreadsCarryIt() {
        String room = createRoom(alice, "{\"preset\":\"public_chat\"}");
        String message = calls.text(alice, room, "vote here");
        String reference = "\"m.relates_to\":{\"rel_type\":\"m.reference\",\"event_id\":\"" + message + "\"}";
        String firstVote = state(alice, room, "org.example.vote", "", "{\"v\":1," + reference + "}");
        String secondVote = state(alice, room, "org.example.vote", "", "{\"v\":2," + reference + "}");
        JsonNode related = ok(Http.get(calls.v1("/rooms/" + enc(room) + "/relations/" + enc(message)), alice.accessToken()))
                .path("chunk");
        replacesNothing(find(related, firstVote));
        replaces(find(related, secondVote), firstVote, json("{\"v\":1," + reference + "}"), alice.userId());

        // A state event that roots a thread.
        String root = state(alice, room, "org.example.vote", "", "{\"v\":3}");
        calls.send(alice, room, "m.room.message", "{\"msgtype\":\"m.text\",\"body\":\"why\",\"m.relates_to\":"
                + "{\"rel_type\":\"m.thread\",\"event_id\":\"" + root + "\"}}");
        JsonNode threads = ok(Http.get(calls.v1("/rooms/" + enc(room) + "/threads"), alice.accessToken())).path("chunk");
        replaces(find(threads, root), secondVote, json("{\"v\":2," + reference + "}"), alice.userId());
    }
}
