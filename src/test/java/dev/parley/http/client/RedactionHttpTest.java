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

/** {@code PUT /rooms/{roomId}/redact/{eventId}/{txnId}} and how redacted events are served. */
class RedactionHttpTest extends DialectServerTest {
    RedactionHttpTest() {
        super(2); // alice and bob
    }

    private String redacted(User user, String room, String target, String txn, String reason) {
        Reply r = calls.redact(user, room, target, txn, "{\"reason\":\"" + reason + "\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().path("event_id").asText();
    }

    private String powerLevels(String room) {
        return Http.get(calls.v3("/rooms/" + enc(room) + "/state"), alice.accessToken()).json().findParents("type").stream()
                .filter(e -> e.path("type").asText().equals("m.room.power_levels")).findFirst().orElseThrow()
                .path("event_id").asText();
    }

    @Test
    void prunesPerRoomVersionAndServesTheRedactionAsRedactedBecause() {
        for (String version : List.of("1", "11")) {
            String room = calls.createRoom(alice, "{\"room_version\":\"" + version + "\",\"preset\":\"public_chat\"}");
            String message = calls.send(alice, room, "m.room.message", "{\"msgtype\":\"m.text\",\"body\":\"oops\","
                    + "\"m.relates_to\":{\"rel_type\":\"m.reference\",\"event_id\":\"$x:test.local\"}}");
            String redaction = redacted(alice, room, message, "r1", "spam");

            JsonNode event = calls.event(alice, room, message).json();
            assertThat(event.path("content").isEmpty()).as("v" + version).isTrue();
            assertThat(event.path("type").asText()).isEqualTo("m.room.message");
            JsonNode because = event.path("unsigned").path("redacted_because");
            assertThat(because.path("event_id").asText()).isEqualTo(redaction);
            assertThat(because.path("type").asText()).isEqualTo("m.room.redaction");
            assertThat(because.path("sender").asText()).isEqualTo(alice.userId());
            assertThat(because.path("content").path("reason").asText()).isEqualTo("spam");
            assertThat(because.path("redacts").asText()).isEqualTo(message);
            assertThat(because.path("content").has("redacts")).as("v" + version).isEqualTo(version.equals("11"));

            // State events keep what the version's algorithm protects: v11 keeps "invite" in power levels.
            String levels = powerLevels(room);
            redacted(alice, room, levels, "r2", "tidy");
            JsonNode pl = calls.event(alice, room, levels).json().path("content");
            assertThat(pl.has("ban")).isTrue();
            assertThat(pl.has("notifications")).isFalse();
            assertThat(pl.has("invite")).as("v" + version).isEqualTo(version.equals("11"));
            // The state still applies: alice keeps her power and can still act.
            assertThat(calls.text(alice, room, "still here")).startsWith("$");

            // A redacted redaction keeps its target only in v11, where it moved into the content;
            // v1's algorithm does not protect the top-level "redacts".
            redacted(alice, room, redaction, "r3", "meta");
            JsonNode prunedRedaction = calls.event(alice, room, redaction).json();
            assertThat(prunedRedaction.path("content").path("reason").isMissingNode()).isTrue();
            assertThat(prunedRedaction.path("content").path("redacts").asText(null)).isEqualTo(version.equals("11") ? message : null);
            assertThat(prunedRedaction.path("redacts").asText(null)).isEqualTo(version.equals("11") ? message : null);

            // /messages serves the pruned event with its redaction, and the redaction itself.
            JsonNode chunk = calls.messages(alice, room, "dir=b&limit=50").json().path("chunk");
            JsonNode served = null;
            List<String> types = new ArrayList<>();
            for (JsonNode e : chunk) {
                types.add(e.path("type").asText());
                if (e.path("event_id").asText().equals(message)) {
                    served = e;
                }
            }
            assertThat(served).isNotNull();
            assertThat(served.path("content").isEmpty()).isTrue();
            assertThat(served.path("unsigned").path("redacted_because").path("event_id").asText()).isEqualTo(redaction);
            assertThat(types.stream().filter("m.room.redaction"::equals)).hasSize(3);
        }
    }

    @Test
    void redactionsAreIdempotentPerTransactionAndSurviveRestarts() {
        String room = calls.createRoom(alice, "{}");
        String message = calls.text(alice, room, "secret");
        String first = redacted(alice, room, message, "same", "one");
        assertThat(redacted(alice, room, message, "same", "one")).isEqualTo(first);
        String other = calls.text(alice, room, "another");
        assertThat(redacted(alice, room, other, "same", "two")).as("scoped to the target too").isNotEqualTo(first);
        // Without a body: the reason is optional.
        String third = calls.text(alice, room, "third");
        assertThat(calls.redact(alice, room, third, "nobody", "{}").status()).isEqualTo(200);
        assertThat(calls.event(alice, room, third).json().path("unsigned").path("redacted_because").path("content")
                .has("reason")).isFalse();

        server.restart();
        JsonNode event = calls.event(alice, room, message).json();
        assertThat(event.path("content").isEmpty()).isTrue();
        assertThat(event.path("unsigned").path("redacted_because").path("event_id").asText()).isEqualTo(first);
        assertThat(redacted(alice, room, message, "same", "one")).as("transaction remembered").isEqualTo(first);
    }

    @Test
    void onlyTheRedactLevelMayRedactOthersOrUnknownEvents() {
        String room = calls.createRoom(alice, "{\"preset\":\"public_chat\"}");
        calls.join(bob, room);
        String alices = calls.text(alice, room, "alice's");
        String bobs = calls.text(bob, room, "bob's");

        Reply forbidden = calls.redact(bob, room, alices, "b1", "{}");
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(forbidden.errcode()).isEqualTo("M_FORBIDDEN");
        assertThat(calls.event(alice, room, alices).json().path("content").path("body").asText()).isEqualTo("alice's");
        Reply unknown = calls.redact(bob, room, "$unknown:test.local", "b2", "{}");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.errcode()).isEqualTo("M_NOT_FOUND");
        assertThat(calls.redact(bob, room, bobs, "b3", "{}").status()).as("own events").isEqualTo(200);

        String bobsSecond = calls.text(bob, room, "bob's second");
        assertThat(calls.redact(alice, room, bobsSecond, "a1", "{\"reason\":\"mod\"}").status()).isEqualTo(200);
        assertThat(calls.event(bob, room, bobsSecond).json().path("content").isEmpty()).isTrue();
        // The spec lets a redaction name an event the server does not have (yet).
        Reply ahead = calls.redact(alice, room, "$" + "a".repeat(42) + "A", "a2", "{}");
        assertThat(ahead.status()).as(ahead.body()).isEqualTo(200);

        String elsewhere = calls.createRoom(alice, "{}");
        String foreign = calls.text(alice, elsewhere, "other room");
        assertThat(calls.redact(alice, room, foreign, "a3", "{}").errcode()).isEqualTo("M_NOT_FOUND");
        assertThat(calls.event(alice, elsewhere, foreign).json().path("content").path("body").asText()).isEqualTo("other room");
        assertThat(calls.redact(alice, room, "not-an-event", "a4", "{}").errcode()).isEqualTo("M_INVALID_PARAM");
        String outsider = register("carol").accessToken();
        assertThat(Http.call("PUT", calls.v3("/rooms/" + enc(room) + "/redact/" + enc(alices) + "/c1"), outsider, "{}").status())
                .isEqualTo(403);
        assertThat(calls.redact(alice, room, alices, "bad", "[]").errcode()).isEqualTo("M_BAD_JSON");
    }

    @Test
    void redactionsSentThroughSendAreNormalisedPerRoomVersion() {
        for (String version : List.of("10", "11")) {
            String room = calls.createRoom(alice, "{\"room_version\":\"" + version + "\"}");
            String target = calls.text(alice, room, "bye");
            String redaction = calls.send(alice, room, "m.room.redaction", "{\"redacts\":\"" + target + "\",\"reason\":\"r\"}");
            JsonNode event = calls.event(alice, room, redaction).json();
            assertThat(event.path("redacts").asText()).isEqualTo(target);
            assertThat(event.path("content").has("redacts")).as("v" + version).isEqualTo(version.equals("11"));
            assertThat(calls.event(alice, room, target).json().path("unsigned").path("redacted_because")
                    .path("event_id").asText()).isEqualTo(redaction);
            Reply missing = Http.call("PUT", calls.v3("/rooms/" + enc(room) + "/send/m.room.redaction/x" + version),
                    alice.accessToken(), "{\"reason\":\"no target\"}");
            assertThat(missing.errcode()).isEqualTo("M_BAD_JSON");
        }
    }
}
