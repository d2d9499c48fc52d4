package dev.parley.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.Http.Reply;
import dev.parley.testing.TestUsers.User;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The client-API calls most HTTP tests make (register, create and join rooms, send, sync, page
 * history), in one place so that each test class does not carry its own copy of them. Each call
 * that a test only uses as a step asserts its success (HTTP 200) with the response body as the
 * failure message; calls whose outcome tests check themselves return the {@link Reply}.
 */
public final class RoomCalls {
    private final TestServer server;
    private final AtomicInteger txn = new AtomicInteger();

    public RoomCalls(TestServer server) {
        this.server = server;
    }

    /** Percent-encodes an ID for a path segment or query value (a space as %20, not +). */
    public static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The URL of a client-API v3 endpoint, {@code path} starting with a slash. */
    public String v3(String path) {
        return server.baseUrl() + "/_matrix/client/v3" + path;
    }

    public String v1(String path) {
        return server.baseUrl() + "/_matrix/client/v1" + path;
    }

    /** Registers {@code localpart} with password {@code pw} through {@code POST /register}. */
    public User register(String localpart) {
        return TestUsers.register(server, localpart, "pw");
    }

    /** {@code POST /createRoom}; the new room's ID. */
    public String createRoom(User user, String body) {
        Reply r = Http.call("POST", v3("/createRoom"), user.accessToken(), body);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().path("room_id").asText();
    }

    /** Sends an event and returns its ID. */
    public String send(User user, String room, String type, String content) {
        Reply r = Http.call("PUT", v3("/rooms/" + enc(room) + "/send/" + enc(type) + "/t" + txn.incrementAndGet()),
                user.accessToken(), content);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().path("event_id").asText();
    }

    public String text(User user, String room, String body) {
        return send(user, room, "m.room.message", "{\"msgtype\":\"m.text\",\"body\":\"" + body + "\"}");
    }

    public void join(User user, String room) {
        Reply r = Http.call("POST", v3("/rooms/" + enc(room) + "/join"), user.accessToken(), "{}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    public void leave(User user, String room) {
        Reply r = Http.call("POST", v3("/rooms/" + enc(room) + "/leave"), user.accessToken(), "{}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    public Reply redact(User user, String room, String eventId, String txnId, String body) {
        return Http.call("PUT", v3("/rooms/" + enc(room) + "/redact/" + enc(eventId) + "/" + txnId), user.accessToken(), body);
    }

    public Reply event(User user, String room, String eventId) {
        return Http.get(v3("/rooms/" + enc(room) + "/event/" + enc(eventId)), user.accessToken());
    }

    /**
     * {@code GET /sync}; {@code since} null for an initial sync, {@code extra} further query
     * parameters (already encoded, may be empty).
     */
    public JsonNode sync(User user, String since, String extra) {
        Reply r = Http.get(v3("/sync?" + (since == null ? "" : "since=" + enc(since) + "&") + extra), user.accessToken());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    /** {@code /messages} with a raw query string (values already encoded). */
    public Reply messages(User user, String room, String query) {
        return Http.get(v3("/rooms/" + enc(room) + "/messages?" + query), user.accessToken());
    }

    /** Pages through {@code /messages} until {@code end} is absent; every chunk's events in order. */
    public List<JsonNode> paginateAll(User user, String room, String dir, int limit, String from) {
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

    public static List<String> ids(Iterable<JsonNode> events) {
        List<String> out = new ArrayList<>();
        events.forEach(e -> out.add(e.path("event_id").asText()));
        return out;
    }

    public static List<String> bodies(Iterable<JsonNode> events) {
        List<String> out = new ArrayList<>();
        events.forEach(e -> {
            if (e.path("type").asText().equals("m.room.message")) {
                out.add(e.path("content").path("body").asText());
            }
        });
        return out;
    }
}
