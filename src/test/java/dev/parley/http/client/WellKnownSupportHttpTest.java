package dev.parley.http.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.testing.DialectServerTest;
import dev.parley.testing.Http;
import dev.parley.testing.Http.Reply;
import org.junit.jupiter.api.Test;

/** {@code GET /.well-known/matrix/support} (Client-Server API, "Getting the support information"). */
class WellKnownSupportHttpTest extends DialectServerTest {
    @Override
    protected boolean startsBeforeEachTest() {
        return false;
    }

    private Reply support() {
        return Http.get(server.baseUrl() + "/.well-known/matrix/support");
    }

    @Test
    void notConfiguredIsNotFound() {
        startServer(yaml -> { });
        Reply reply = support();
        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.errcode()).isEqualTo("M_NOT_FOUND");
    }

    @Test
    void configuredContactsAndPageAreServed() {
        startServer(yaml -> {
            ObjectNode support = yaml.withObject("well_known").putObject("support");
            support.putArray("contacts").addObject().put("matrix_id", "@admin:example.org")
                    .put("email_address", "admin@example.org").put("role", "m.role.admin");
            support.withArray("contacts").addObject().put("email_address", "security@example.org")
                    .put("role", "m.role.security");
            support.put("support_page", "https://example.org/support.html");
        });
        Reply reply = support();
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.json().path("support_page").asText()).isEqualTo("https://example.org/support.html");
        assertThat(reply.json().path("contacts").size()).isEqualTo(2);
        assertThat(reply.json().path("contacts").path(0).path("matrix_id").asText()).isEqualTo("@admin:example.org");
        assertThat(reply.json().path("contacts").path(1).has("matrix_id")).isFalse();
        assertThat(reply.json().path("contacts").path(1).path("role").asText()).isEqualTo("m.role.security");
    }

    @Test
    void aPageAloneIsEnough() {
        startServer(yaml -> yaml.withObject("well_known").putObject("support")
                .put("support_page", "https://example.org/help"));
        Reply reply = support();
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().has("contacts")).isFalse();
    }
}
