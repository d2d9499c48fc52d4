package dev.parley.http.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.DialectServerTest;
import dev.parley.testing.Http;
import dev.parley.testing.Http.Reply;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** {@code GET /voip/turnServer} (Client-Server API, "Voice over IP") under each {@code voip} configuration. */
class TurnServerHttpTest extends DialectServerTest {
    private static final String URI_UDP = "turn:turn.example.org:3478?transport=udp";
    private static final String URI_TLS = "turns:turn.example.org:5349?transport=tcp";

    TurnServerHttpTest() {
        super(1);
    }

    @Override
    protected boolean startsBeforeEachTest() {
        return false;
    }

    private Reply turn(String token) {
        return Http.get(url("/voip/turnServer"), token);
    }

    private String guestToken() {
        Reply guest = Http.call("POST", url("/register?kind=guest"), null, "{}");
        assertThat(guest.status()).as(guest.body()).isEqualTo(200);
        return guest.json().path("access_token").asText();
    }

    @Test
    void withoutTurnServersTheAnswerIsEmpty() {
        startServer(yaml -> { });
        Reply reply = turn(alice.accessToken());
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().isObject()).isTrue();
        assertThat(reply.json().size()).isZero();
        assertThat(Http.get(url("/voip/turnServer")).errcode()).isEqualTo("M_MISSING_TOKEN");
    }

    @Test
    void sharedSecretGivesTimeLimitedHmacCredentials() throws Exception {
        startServer(yaml -> {
            yaml.withObject("voip").putArray("turn_uris").add(URI_UDP).add(URI_TLS);
            yaml.withObject("voip").put("turn_shared_secret", "s3cret").put("turn_ttl_seconds", 3600);
        });
        long before = Instant.now().getEpochSecond();
        JsonNode body = turn(alice.accessToken()).json();
        long after = Instant.now().getEpochSecond();

        String username = body.path("username").asText();
        String[] parts = username.split(":", 2);
        assertThat(parts[1]).isEqualTo(alice.userId());
        assertThat(Long.parseLong(parts[0])).isBetween(before + 3600, after + 3600);
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec("s3cret".getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        assertThat(body.path("password").asText()).isEqualTo(
                Base64.getEncoder().encodeToString(mac.doFinal(username.getBytes(StandardCharsets.UTF_8))));
        assertThat(body.path("uris").toString()).isEqualTo("[\"" + URI_UDP + "\",\"" + URI_TLS + "\"]");
        assertThat(body.path("ttl").asLong()).isEqualTo(3600);
    }

    @Test
    void staticCredentialsAndGuests() {
        startServer(yaml -> {
            yaml.withObject("registration").put("allow_guests", true);
            yaml.withObject("voip").putArray("turn_uris").add(URI_UDP);
            yaml.withObject("voip").put("turn_username", "parley").put("turn_password", "pw");
        });
        JsonNode body = turn(alice.accessToken()).json();
        assertThat(body.path("username").asText()).isEqualTo("parley");
        assertThat(body.path("password").asText()).isEqualTo("pw");
        assertThat(body.path("ttl").asLong()).isEqualTo(86400);
        assertThat(turn(guestToken()).json().path("username").asText()).isEqualTo("parley");
    }

    @Test
    void guestsAreRefusedWhenNotAllowed() {
        startServer(yaml -> {
            yaml.withObject("registration").put("allow_guests", true);
            yaml.withObject("voip").putArray("turn_uris").add(URI_UDP);
            yaml.withObject("voip").put("turn_shared_secret", "s3cret").put("turn_allow_guests", false);
        });
        Reply refused = turn(guestToken());
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.errcode()).isEqualTo("M_GUEST_ACCESS_FORBIDDEN");
        assertThat(turn(alice.accessToken()).status()).isEqualTo(200);
    }
}
