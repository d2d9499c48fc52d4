package dev.parley.http.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.DialectServerTest;
import dev.parley.testing.Http;
import dev.parley.testing.Http.Reply;
import java.net.URI;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code GET /admin/whois/{userId}} (Client-Server API, "Server administration"). */
class WhoisHttpTest extends DialectServerTest {
    private String adminToken;

    WhoisHttpTest() {
        super(2);
    }

    @BeforeEach
    void admin() {
        adminToken = registerAdmin("admin");
    }

    private Reply whois(String token, String userId) {
        return Http.get(url("/admin/whois/" + enc(userId)), token);
    }

    @Test
    void adminSeesWhereEachDeviceWasLastSeen() {
        // A request with a recognisable user agent is alice's latest sighting.
        Http.send(HttpRequest.newBuilder(URI.create(url("/account/whoami")))
                .header("Authorization", "Bearer " + alice.accessToken()).header("User-Agent", "whois-test/1.0").GET());
        Reply reply = whois(adminToken, alice.userId());
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.json().path("user_id").asText()).isEqualTo(alice.userId());
        JsonNode connections = reply.json().path("devices").path(alice.deviceId()).path("sessions").path(0)
                .path("connections");
        assertThat(connections.size()).as(reply.body()).isEqualTo(1);
        assertThat(connections.path(0).path("ip").asText()).isEqualTo("127.0.0.1");
        assertThat(connections.path(0).path("user_agent").asText()).isEqualTo("whois-test/1.0");
        assertThat(connections.path(0).path("last_seen").asLong()).isPositive();
    }

    @Test
    void usersMayLookThemselvesUp() {
        Reply reply = whois(bob.accessToken(), bob.userId());
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.json().path("devices").has(bob.deviceId())).isTrue();
    }

    @Test
    void othersAndBadTargetsAreRefused() {
        Reply forbidden = whois(bob.accessToken(), alice.userId());
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(forbidden.errcode()).isEqualTo("M_FORBIDDEN");
        assertThat(whois(adminToken, "@nobody:test.local").errcode()).isEqualTo("M_NOT_FOUND");
        assertThat(whois(adminToken, "@someone:elsewhere.example").errcode()).isEqualTo("M_INVALID_PARAM");
        assertThat(whois(adminToken, "not-a-user").status()).isEqualTo(400);
        assertThat(Http.get(url("/admin/whois/" + enc(alice.userId()))).errcode()).isEqualTo("M_MISSING_TOKEN");
    }
}
