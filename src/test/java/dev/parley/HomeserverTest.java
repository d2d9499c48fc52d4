package dev.parley;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.id.UserId;
import dev.parley.testing.DialectServerTest;
import dev.parley.testing.Http;
import dev.parley.testing.Http.Reply;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The whole server, wired as in production, on SQLite and on PostgreSQL. */
class HomeserverTest extends DialectServerTest {

    @Test
    void servesVersionsWithoutAuthentication() {
        Reply r = Http.get(server.baseUrl() + "/_matrix/client/versions");
        assertThat(r.status()).isEqualTo(200);
        // Clients need a stable version to sign in, and authenticated media (v1.11) is what they download with.
        assertThat(r.json().path("versions").toString()).isEqualTo("[\"v1.1\",\"v1.2\",\"v1.3\",\"v1.4\",\"v1.5\","
                + "\"v1.6\",\"v1.7\",\"v1.8\",\"v1.9\",\"v1.10\",\"v1.11\",\"v1.12\",\"v1.13\",\"v1.14\",\"v1.15\","
                + "\"v1.16\",\"v1.17\",\"v1.18\",\"v1.19\"]");
        assertThat(r.json().path("unstable_features").isObject()).isTrue();
        assertThat(r.header("Access-Control-Allow-Origin")).isEqualTo("*");
    }

    @Test
    void answersTheOAuthMetadataProbeAsALegacyAuthServer() {
        // v1.15: a server without the OAuth 2.0 API answers auth_metadata 404 M_UNRECOGNIZED, so
        // clients use /login; the legacy API's login flows are there.
        Reply metadata = Http.get(server.baseUrl() + "/_matrix/client/v1/auth_metadata");
        assertThat(metadata.status()).isEqualTo(404);
        assertThat(metadata.errcode()).isEqualTo("M_UNRECOGNIZED");
        assertThat(Http.get(server.baseUrl() + "/_matrix/client/v3/login").json().path("flows").toString())
                .contains("\"m.login.password\"");
    }

    @Test
    void servesBothWellKnownDocuments() {
        Reply client = Http.get(server.baseUrl() + "/.well-known/matrix/client");
        assertThat(client.json().path("m.homeserver").path("base_url").asText())
                .isEqualTo(server.config.publicBaseUrl().toString().replaceAll("/$", ""));
        Reply federation = Http.get(server.baseUrl() + "/.well-known/matrix/server");
        assertThat(federation.json().path("m.server").asText()).isEqualTo("test.local:0");
    }

    @Test
    void servesTheFederationVersion() {
        Reply r = Http.get(server.baseUrl() + "/_matrix/federation/v1/version");
        assertThat(r.json().path("server").path("name").asText()).isEqualTo("Parley");
    }

    @Test
    void whoamiKnowsTheOwnerOfARealToken() {
        UserId alice = server.homeserver().accounts().register("alice", Optional.of("secret-pw"), false);
        String token = server.homeserver().sessions().issue(alice, Optional.of("PHONE"));
        Reply r = Http.get(server.baseUrl() + "/_matrix/client/v3/account/whoami", token);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("user_id").asText()).isEqualTo("@alice:test.local");
        assertThat(r.json().path("device_id").asText()).isEqualTo("PHONE");
        assertThat(r.json().path("is_guest").asBoolean()).isFalse();

        assertThat(Http.call("POST", server.baseUrl() + "/_matrix/client/v3/logout", token, "{}").status()).isEqualTo(200);
        Reply revoked = Http.get(server.baseUrl() + "/_matrix/client/v3/account/whoami", token);
        assertThat(revoked.status()).isEqualTo(401);
        assertThat(revoked.errcode()).isEqualTo("M_UNKNOWN_TOKEN");
    }

    @Test
    void opsListenerServesHealthAndMetrics() {
        Http.get(server.baseUrl() + "/_matrix/client/versions");
        Reply health = Http.get(server.opsUrl() + "/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body()).isEqualTo("OK");
        Reply metrics = Http.get(server.opsUrl() + "/metrics");
        assertThat(metrics.body())
                .contains("parley_http_requests_seconds_count{route=\"GET /_matrix/client/versions\",status=\"200\"}")
                .contains("jvm_memory_used_bytes");
        assertThat(Http.get(server.baseUrl() + "/metrics").status()).isEqualTo(404);
    }

    @Test
    void createsTheSigningKeyOnFirstStartAndKeepsIt() throws Exception {
        var keyFile = server.config.signingKeyPath();
        assertThat(keyFile).exists();
        String first = java.nio.file.Files.readString(keyFile);
        assertThat(first).startsWith("ed25519 ");
        server.restart();
        assertThat(java.nio.file.Files.readString(keyFile)).isEqualTo(first);
    }
}
