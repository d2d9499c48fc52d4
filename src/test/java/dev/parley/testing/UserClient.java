package dev.parley.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.id.UserId;
import dev.parley.testing.Http.Reply;
import java.util.Optional;

/** A registered user with an access token, talking to a test server's client API. */
public record UserClient(TestServer server, UserId userId, String token) {
    /** Registers {@code localpart} and logs it in on a device. */
    public static UserClient register(TestServer server, String localpart) {
        UserId id = server.homeserver().accounts().register(localpart, Optional.of("password-" + localpart), false);
        return new UserClient(server, id, server.homeserver().sessions().issue(id, Optional.of("DEVICE")));
    }

    /** @param path below {@code /_matrix/client}, e.g. {@code /v3/pushrules/} */
    public Reply get(String path) {
        return send("GET", path, null);
    }

    public Reply put(String path, String json) {
        return send("PUT", path, json);
    }

    public Reply post(String path, String json) {
        return send("POST", path, json);
    }

    public Reply delete(String path) {
        return send("DELETE", path, null);
    }

    public Reply send(String method, String path, String json) {
        return Http.call(method, server.baseUrl() + "/_matrix/client" + path, token, json);
    }

    /** {@code POST /createRoom}, asserting success; the new room's ID. */
    public String createRoom(String body) {
        Reply r = post("/v3/createRoom", body);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().path("room_id").asText();
    }

    /** {@code POST /join/{roomIdOrAlias}}, asserting success. */
    public void join(String roomIdOrAlias) {
        Reply r = post("/v3/join/" + encode(roomIdOrAlias), "{}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    /** The user ID percent-encoded for a path segment. */
    public String pathId() {
        return encode(userId.value());
    }

    public static String encode(String segment) {
        return java.net.URLEncoder.encode(segment, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }
}
