package dev.parley.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.Http.Reply;

/** Accounts made the way clients make them: {@code POST /register} through user-interactive auth. */
public final class TestUsers {
    /** A registered, logged-in user. */
    public record User(String userId, String accessToken, String deviceId) {
    }

    private TestUsers() {
    }

    public static User register(TestServer server, String username, String password) {
        String body = "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}";
        Reply challenge = Http.call("POST", server.baseUrl() + "/_matrix/client/v3/register", null, body);
        assertThat(challenge.status()).as(challenge.body()).isEqualTo(401);
        String session = challenge.json().path("session").asText();
        Reply done = Http.call("POST", server.baseUrl() + "/_matrix/client/v3/register", null,
                "{\"username\":\"" + username + "\",\"password\":\"" + password
                        + "\",\"auth\":{\"type\":\"m.login.dummy\",\"session\":\"" + session + "\"}}");
        assertThat(done.status()).as(done.body()).isEqualTo(200);
        return new User(done.json().path("user_id").asText(), done.json().path("access_token").asText(),
                done.json().path("device_id").asText());
    }

    public static Reply login(TestServer server, String user, String password, String extraFields) {
        return Http.call("POST", server.baseUrl() + "/_matrix/client/v3/login", null,
                "{\"type\":\"m.login.password\",\"identifier\":{\"type\":\"m.id.user\",\"user\":\"" + user
                        + "\"},\"password\":\"" + password + "\"" + (extraFields.isEmpty() ? "" : "," + extraFields) + "}");
    }

    /** The {@code auth} object for an {@code m.login.password} stage. */
    public static String passwordAuth(String userId, String password, String session) {
        return "{\"type\":\"m.login.password\",\"identifier\":{\"type\":\"m.id.user\",\"user\":\"" + userId
                + "\"},\"password\":\"" + password + "\"" + (session == null ? "" : ",\"session\":\"" + session + "\"") + "}";
    }
}
