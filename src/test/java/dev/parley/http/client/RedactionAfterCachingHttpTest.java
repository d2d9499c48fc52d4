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

/**
 * Events are parsed once and kept in memory (the store's parsed-event cache): an event read,
 * and so cached, before its redaction must come out pruned everywhere afterwards.
 */
class RedactionAfterCachingHttpTest extends DialectServerTest {
    private static final String SLIDING = "/_matrix/client/unstable/org.matrix.simplified_msc3575/sync";
    private static final String LAZY = "{\"room\":{\"state\":{\"lazy_load_members\":true},\"timeline\":{\"limit\":20}}}";

    RedactionAfterCachingHttpTest() {
        super(1);
    }

    private JsonNode initialSync() {
        Reply r = Http.get(calls.v3("/sync?filter=" + enc(LAZY)), alice.accessToken());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    private JsonNode slidingWindow() {
        Reply r = Http.call("POST", server.baseUrl() + SLIDING, alice.accessToken(),
                "{\"lists\":{\"all\":{\"ranges\":[[0,9]],\"timeline_limit\":5,\"required_state\":[]}}}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    private static JsonNode find(JsonNode events, String eventId) {
        List<JsonNode> found = new ArrayList<>();
        events.forEach(e -> {
            if (e.path("event_id").asText().equals(eventId)) {
                found.add(e);
            }
        });
        assertThat(found).as("event %s in %s", eventId, events).hasSize(1);
        return found.getFirst();
    }

    @Test
    void anEventReadBeforeItsRedactionIsServedPrunedAfterIt() {
        String room = calls.createRoom(alice, "{\"name\":\"cache\"}");
        String secret = calls.text(alice, room, "the password is hunter2");
        calls.text(alice, room, "later");
        // Read it every way first, so every path has parsed (and cached) the unredacted event.
        JsonNode before = find(initialSync().path("rooms").path("join").path(room).path("timeline").path("events"), secret);
        assertThat(before.path("content").path("body").asText()).isEqualTo("the password is hunter2");
        assertThat(find(slidingWindow().path("rooms").path(room).path("timeline"), secret)
                .path("content").path("body").asText()).isEqualTo("the password is hunter2");
        assertThat(calls.event(alice, room, secret).json().path("content").path("body").asText())
                .isEqualTo("the password is hunter2");

        Reply redaction = calls.redact(alice, room, secret, "r1", "{\"reason\":\"leaked\"}");
        assertThat(redaction.status()).as(redaction.body()).isEqualTo(200);

        JsonNode synced = find(initialSync().path("rooms").path("join").path(room).path("timeline").path("events"), secret);
        assertThat(synced.path("content").isEmpty()).as(synced.toString()).isTrue();
        assertThat(synced.path("unsigned").path("redacted_because").path("content").path("reason").asText())
                .isEqualTo("leaked");
        JsonNode slid = find(slidingWindow().path("rooms").path(room).path("timeline"), secret);
        assertThat(slid.path("content").isEmpty()).as(slid.toString()).isTrue();
        JsonNode fetched = calls.event(alice, room, secret).json();
        assertThat(fetched.path("content").isEmpty()).as(fetched.toString()).isTrue();
        JsonNode page = calls.messages(alice, room, "dir=b&limit=10").json().path("chunk");
        assertThat(find(page, secret).path("content").isEmpty()).isTrue();
    }
}
