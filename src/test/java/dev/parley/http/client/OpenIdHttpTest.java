package dev.parley.http.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.DialectServerTest;
import dev.parley.testing.Http;
import dev.parley.testing.Http.Reply;
import dev.parley.testing.TestUsers.User;
import org.junit.jupiter.api.Test;

/**
 * OpenID: {@code POST /user/{userId}/openid/request_token} (Client-Server API) and the
 * federation endpoint a third party checks the token with (Server-Server API, "OpenID").
 */
class OpenIdHttpTest extends DialectServerTest {
    OpenIdHttpTest() {
        super(2);
    }

    private Reply request(User caller, User user, String body) {
        return Http.call("POST", url("/user/" + enc(user.userId()) + "/openid/request_token"), caller.accessToken(), body);
    }

    private Reply userInfo(String token) {
        return Http.get(server.baseUrl() + "/_matrix/federation/v1/openid/userinfo"
                + (token == null ? "" : "?access_token=" + enc(token)));
    }

    @Test
    void tokenIdentifiesItsUserToAThirdParty() {
        Reply issued = request(alice, alice, "{}");
        assertThat(issued.status()).as(issued.body()).isEqualTo(200);
        assertThat(issued.json().path("token_type").asText()).isEqualTo("Bearer");
        assertThat(issued.json().path("matrix_server_name").asText()).isEqualTo("test.local");
        assertThat(issued.json().path("expires_in").asLong()).isEqualTo(3600);
        String token = issued.json().path("access_token").asText();
        assertThat(token).isNotBlank();

        Reply info = userInfo(token);
        assertThat(info.status()).as(info.body()).isEqualTo(200);
        assertThat(info.json().path("sub").asText()).isEqualTo(alice.userId());

        // Each request gets a fresh token, and bob's names bob.
        String bobs = request(bob, bob, "{}").json().path("access_token").asText();
        assertThat(bobs).isNotEqualTo(token);
        assertThat(userInfo(bobs).json().path("sub").asText()).isEqualTo(bob.userId());

        // An OpenID token is not an access token.
        assertThat(Http.get(url("/account/whoami"), token).errcode()).isEqualTo("M_UNKNOWN_TOKEN");
    }

    @Test
    void tokensSurviveARestart() {
        String token = request(alice, alice, "{}").json().path("access_token").asText();
        server.restart();
        assertThat(userInfo(token).json().path("sub").asText()).isEqualTo(alice.userId());
    }

    @Test
    void unknownOrMissingTokensAndBadRequestsAreRefused() {
        Reply unknown = userInfo("poi_nonsense");
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(unknown.errcode()).isEqualTo("M_UNKNOWN_TOKEN");
        // A client access token is not an OpenID token.
        assertThat(userInfo(alice.accessToken()).errcode()).isEqualTo("M_UNKNOWN_TOKEN");
        assertThat(userInfo(null).status()).isEqualTo(401);

        Reply forOther = request(alice, bob, "{}");
        assertThat(forOther.status()).isEqualTo(403);
        assertThat(forOther.errcode()).isEqualTo("M_FORBIDDEN");
        assertThat(request(alice, alice, "[]").errcode()).isEqualTo("M_BAD_JSON");
        assertThat(request(alice, alice, "{").errcode()).isEqualTo("M_NOT_JSON");
        assertThat(Http.call("POST", url("/user/" + enc(alice.userId()) + "/openid/request_token"), null, "{}").errcode())
                .isEqualTo("M_MISSING_TOKEN");
    }
}
