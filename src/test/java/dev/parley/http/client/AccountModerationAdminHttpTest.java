package dev.parley.http.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.parley.testing.DialectServerTest;
import dev.parley.testing.Http;
import dev.parley.testing.Http.Reply;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code GET}/{@code PUT /_matrix/client/v1/admin/lock|suspend/{userId}} and the
 * {@code m.account_moderation} capability (Client-Server API, "Server administration",
 * "Capabilities negotiation", v1.18).
 */
class AccountModerationAdminHttpTest extends DialectServerTest {
    private String adminId;
    private String adminToken;

    AccountModerationAdminHttpTest() {
        super(2);
    }

    @BeforeEach
    void admin() {
        adminToken = registerAdmin("admin");
        adminId = "@admin:" + server.config.serverName();
    }

    private String adminUrl(String action, String userId) {
        return calls.v1("/admin/" + action + "/" + enc(userId));
    }

    private Reply get(String token, String action, String userId) {
        return Http.get(adminUrl(action, userId), token);
    }

    private Reply put(String token, String action, String userId, String body) {
        return Http.call("PUT", adminUrl(action, userId), token, body);
    }

    @Test
    void adminsLockSuspendAndLiftBothAndTheStateSurvivesARestart() {
        assertThat(get(adminToken, "lock", alice.userId()).json().toString()).isEqualTo("{\"locked\":false}");
        assertThat(get(adminToken, "suspend", bob.userId()).json().toString()).isEqualTo("{\"suspended\":false}");

        Reply lock = put(adminToken, "lock", alice.userId(), "{\"locked\":true}");
        assertThat(lock.status()).as(lock.body()).isEqualTo(200);
        assertThat(lock.json().toString()).isEqualTo("{\"locked\":true}");
        Reply suspend = put(adminToken, "suspend", bob.userId(), "{\"suspended\":true}");
        assertThat(suspend.status()).as(suspend.body()).isEqualTo(200);
        assertThat(suspend.json().toString()).isEqualTo("{\"suspended\":true}");
        assertThat(get(adminToken, "lock", alice.userId()).json().path("locked").asBoolean()).isTrue();
        assertThat(get(adminToken, "suspend", alice.userId()).json().path("suspended").asBoolean()).isFalse();
        assertThat(get(adminToken, "suspend", bob.userId()).json().path("suspended").asBoolean()).isTrue();
        assertThat(get(adminToken, "lock", bob.userId()).json().path("locked").asBoolean()).isFalse();

        server.restart();
        assertThat(get(adminToken, "lock", alice.userId()).json().path("locked").asBoolean()).isTrue();
        assertThat(get(adminToken, "suspend", bob.userId()).json().path("suspended").asBoolean()).isTrue();
        assertThat(Http.get(url("/account/whoami"), alice.accessToken()).errcode())
                .as("the lock is in force after the restart").isEqualTo("M_USER_LOCKED");

        assertThat(put(adminToken, "lock", alice.userId(), "{\"locked\":false}").json().toString())
                .isEqualTo("{\"locked\":false}");
        assertThat(put(adminToken, "suspend", bob.userId(), "{\"suspended\":false}").json().toString())
                .isEqualTo("{\"suspended\":false}");
        server.restart();
        assertThat(get(adminToken, "lock", alice.userId()).json().path("locked").asBoolean()).isFalse();
        assertThat(get(adminToken, "suspend", bob.userId()).json().path("suspended").asBoolean()).isFalse();
        assertThat(Http.get(url("/account/whoami"), alice.accessToken()).status()).isEqualTo(200);
    }

    @Test
    void nonAdminsAreForbiddenBeforeAnyAccountLookup() {
        for (String action : new String[] {"lock", "suspend"}) {
            String field = action.equals("lock") ? "locked" : "suspended";
            for (String target : new String[] {alice.userId(), "@nobody:test.local", "@x:elsewhere.example", "bad"}) {
                Reply read = get(bob.accessToken(), action, target);
                assertThat(read.status()).as(action + " " + target).isEqualTo(403);
                assertThat(read.errcode()).isEqualTo("M_FORBIDDEN");
                Reply write = put(bob.accessToken(), action, target, "{\"" + field + "\":true}");
                assertThat(write.status()).as(action + " " + target).isEqualTo(403);
                assertThat(write.errcode()).isEqualTo("M_FORBIDDEN");
            }
            assertThat(put(bob.accessToken(), action, bob.userId(), "{}").errcode())
                    .as("not even a bad body is looked at").isEqualTo("M_FORBIDDEN");
            assertThat(Http.get(adminUrl(action, alice.userId())).errcode()).isEqualTo("M_MISSING_TOKEN");
        }
        assertThat(get(adminToken, "lock", alice.userId()).json().path("locked").asBoolean()).isFalse();
    }

    @Test
    void targetsAndBodiesAreCheckedAsTheSpecSays() {
        var other = server.homeserver().accounts().register("otheradmin", Optional.of("pw"), true);
        var gone = server.homeserver().accounts().register("gone", Optional.of("pw"), false);
        server.homeserver().accounts().deactivate(gone, false);
        for (String action : new String[] {"lock", "suspend"}) {
            String field = action.equals("lock") ? "locked" : "suspended";
            String on = "{\"" + field + "\":true}";
            Reply remote = get(adminToken, action, "@someone:elsewhere.example");
            assertThat(remote.status()).isEqualTo(400);
            assertThat(remote.errcode()).isEqualTo("M_INVALID_PARAM");
            assertThat(put(adminToken, action, "@someone:elsewhere.example", on).errcode()).isEqualTo("M_INVALID_PARAM");
            assertThat(get(adminToken, action, "not-a-user-id").errcode()).isEqualTo("M_INVALID_PARAM");
            for (String missing : new String[] {"@nobody:test.local", gone.value()}) {
                Reply unknown = get(adminToken, action, missing);
                assertThat(unknown.status()).as(missing).isEqualTo(404);
                assertThat(unknown.errcode()).isEqualTo("M_NOT_FOUND");
                assertThat(put(adminToken, action, missing, on).errcode()).isEqualTo("M_NOT_FOUND");
            }
            assertThat(get(adminToken, action, other.value()).errcode()).as("another admin").isEqualTo("M_FORBIDDEN");
            assertThat(put(adminToken, action, other.value(), on).errcode()).isEqualTo("M_FORBIDDEN");
            assertThat(get(adminToken, action, adminId).json().path(field).asBoolean()).as("oneself").isFalse();
            assertThat(put(adminToken, action, adminId, on).errcode()).as("oneself").isEqualTo("M_FORBIDDEN");

            Reply absent = put(adminToken, action, alice.userId(), "{}");
            assertThat(absent.status()).isEqualTo(400);
            assertThat(absent.errcode()).isEqualTo("M_MISSING_PARAM");
            assertThat(put(adminToken, action, alice.userId(), "{\"" + field + "\":null}").errcode())
                    .isEqualTo("M_MISSING_PARAM");
            for (String wrong : new String[] {"\"true\"", "1", "{}"}) {
                Reply bad = put(adminToken, action, alice.userId(), "{\"" + field + "\":" + wrong + "}");
                assertThat(bad.status()).as(wrong).isEqualTo(400);
                assertThat(bad.errcode()).isEqualTo("M_BAD_JSON");
            }
            assertThat(put(adminToken, action, alice.userId(), "[true]").errcode()).isEqualTo("M_BAD_JSON");
            assertThat(put(adminToken, action, alice.userId(), "{").errcode()).isEqualTo("M_NOT_JSON");
            assertThat(get(adminToken, action, alice.userId()).json().path(field).asBoolean())
                    .as("nothing changed").isFalse();
        }
    }

    @Test
    void theCapabilityIsShownToAdminsOnly() {
        Reply forAdmin = Http.get(url("/capabilities"), adminToken);
        assertThat(forAdmin.status()).isEqualTo(200);
        assertThat(forAdmin.json().path("capabilities").path("m.account_moderation"))
                .isEqualTo(JsonNodeFactory.instance.objectNode().put("suspend", true).put("lock", true));
        Reply forUser = Http.get(url("/capabilities"), alice.accessToken());
        assertThat(forUser.status()).isEqualTo(200);
        assertThat(forUser.json().path("capabilities").has("m.account_moderation"))
                .as("omitted when suspend and lock would be false").isFalse();
        assertThat(forUser.json().path("capabilities").has("m.room_versions")).isTrue();
    }
}
