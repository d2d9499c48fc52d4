package dev.parley.http.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.Http;
import dev.parley.testing.Http.Reply;
import dev.parley.testing.TestServer;
import dev.parley.testing.TestUsers.User;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Room calls the history, redaction and relations tests share, through the real client API. */
final class RoomCalls {
    private final TestServer server;
    private final AtomicInteger txn = new AtomicInteger();

    RoomCalls(TestServer server) {
        this.server = server;
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    String v3(String path) {
        return server.baseUrl() + "/_matrix/client/v3" + path;
    }

    String v1(String path) {
        return server.baseUrl() + "/_matrix/client/v1" + path;
    }

    String createRoom(User user, String body) {
        Reply r = Http.call("POST", v3("/createRoom"), user.accessToken(), body);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().path("room_id").asText();
    }

    /** Sends an event and returns its ID. */
    String send(User user, String room, String type, String content) {
        Reply r = Http.call("PUT", v3("/rooms/" + enc(room) + "/send/" + enc(type) + "/t" + txn.incrementAndGet()),
                user.accessToken(), content);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().path("event_id").asText();
    }

    String text(User user, String room, String body) {
        return send(user, room, "m.room.message", "{\"msgtype\":\"m.text\",\"body\":\"" + body + "\"}");
    }

    void join(User user, String room) {
        Reply r = Http.call("POST", v3("/rooms/" + enc(room) + "/join"), user.accessToken(), "{}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    void leave(User user, String room) {
        Reply r = Http.call("POST", v3("/rooms/" + enc(room) + "/leave"), user.accessToken(), "{}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    Reply redact(User user, String room, String eventId, String txnId, String body) {
        return Http.call("PUT", v3("/rooms/" + enc(room) + "/redact/" + enc(eventId) + "/" + txnId), user.accessToken(), body);
    }

    Reply event(User user, String room, String eventId) {
        return Http.get(v3("/rooms/" + enc(room) + "/event/" + enc(eventId)), user.accessToken());
    }

    /** {@code /messages} with a raw query string (values already encoded). */
    Reply messages(User user, String room, String query) {
        return Http.get(v3("/rooms/" + enc(room) + "/messages?" + query), user.accessToken());
    }

    /** Pages through {@code /messages} until {@code end} is absent; every chunk's events in order. */
    List<JsonNode> paginateAll(User user, String room, String dir, int limit, String from) {
        List<JsonNode> events = new ArrayList<>();
        String token = from;
        for (int page = 0; page < 1_000; page++) {
            Reply r = messages(user, room, "dir=" + dir + "&limit=" + limit + (token == null ? "" : "&from=" + enc(token)));
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            if (token != null) {
                assertThat(r.json().path("start").asText()).isEqualTo(token);
            }
            assertThat(r.json().path("chunk").size()).isLessThanOrEqualTo(limit);
            r.json().path("chunk").forEach(events::add);
            if (!r.json().has("end")) {
                return events;
            }
            token = r.json().path("end").asText();
        }
        throw new AssertionError("pagination did not end");
    }

    static List<String> ids(Iterable<JsonNode> events) {
        List<String> out = new ArrayList<>();
        events.forEach(e -> out.add(e.path("event_id").asText()));
        return out;
    }

    static List<String> bodies(Iterable<JsonNode> events) {
        List<String> out = new ArrayList<>();
        events.forEach(e -> {
            if (e.path("type").asText().equals("m.room.message")) {
                out.add(e.path("content").path("body").asText());
            }
        });
        return out;
    }
}
