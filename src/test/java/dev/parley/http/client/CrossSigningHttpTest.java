package dev.parley.http.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.crypto.JsonSigning;
import dev.parley.core.crypto.SigningKey;
import dev.parley.core.json.Json;
import dev.parley.testing.DialectServerTest;
import dev.parley.testing.Http;
import dev.parley.testing.Http.Reply;
import dev.parley.testing.TestUsers;
import dev.parley.testing.TestUsers.User;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code /keys/device_signing/upload} and {@code /keys/signatures/upload}, seen through {@code /keys/query}. */
class CrossSigningHttpTest extends DialectServerTest {
    private final SigningKey master = KeyFixtures.crossSigningKey();
    private final SigningKey selfSigning = KeyFixtures.crossSigningKey();
    private final SigningKey userSigning = KeyFixtures.crossSigningKey();
    private SigningKey aliceDevice;

    CrossSigningHttpTest() {
        super(2); // alice and bob
    }

    @BeforeEach
    void start() {
        aliceDevice = KeyFixtures.deviceKey(alice.deviceId());
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.set("device_keys", KeyFixtures.deviceKeys(alice.userId(), alice.deviceId(), aliceDevice));
        assertThat(post(alice, "/keys/upload", body).status()).isEqualTo(200);
    }

    private Reply post(User user, String path, Object body) {
        return Http.call("POST", server.baseUrl() + "/_matrix/client/v3" + path, user.accessToken(), body.toString());
    }

    private ObjectNode keys(String userId, SigningKey m, SigningKey ssk, SigningKey usk) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.set("master_key", KeyFixtures.crossSigning(userId, "master", m, null));
        body.set("self_signing_key", KeyFixtures.crossSigning(userId, "self_signing", ssk, m));
        body.set("user_signing_key", KeyFixtures.crossSigning(userId, "user_signing", usk, m));
        return body;
    }

    private JsonNode query(User requester, String userId) {
        Reply r = post(requester, "/keys/query", "{\"device_keys\":{\"" + userId + "\":[]}}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    @Test
    void theFirstUploadNeedsNoAuthAndTheUserSigningKeyStaysPrivate() {
        Reply r = post(alice, "/keys/device_signing/upload", keys(alice.userId(), master, selfSigning, userSigning));
        assertThat(r.status()).as(r.body()).isEqualTo(200);

        JsonNode own = query(alice, alice.userId());
        assertThat(own.path("master_keys").path(alice.userId()).path("keys").toString())
                .contains(KeyFixtures.publicKey(master));
        assertThat(own.path("self_signing_keys").has(alice.userId())).isTrue();
        assertThat(own.path("user_signing_keys").has(alice.userId())).isTrue();
        JsonNode seenByBob = query(bob, alice.userId());
        assertThat(seenByBob.path("master_keys").has(alice.userId())).isTrue();
        assertThat(seenByBob.path("self_signing_keys").has(alice.userId())).isTrue();
        assertThat(seenByBob.path("user_signing_keys").has(alice.userId())).isFalse();
    }

    @Test
    void replacingTheKeysNeedsThePassword() {
        assertThat(post(alice, "/keys/device_signing/upload", keys(alice.userId(), master, selfSigning, userSigning))
                .status()).isEqualTo(200);
        // The same keys again need no auth.
        assertThat(post(alice, "/keys/device_signing/upload", keys(alice.userId(), master, selfSigning, userSigning))
                .status()).isEqualTo(200);
        SigningKey newMaster = KeyFixtures.crossSigningKey();
        ObjectNode replacement = keys(alice.userId(), newMaster, selfSigning, userSigning);
        Reply challenge = post(alice, "/keys/device_signing/upload", replacement);
        assertThat(challenge.status()).isEqualTo(401);
        assertThat(query(bob, alice.userId()).path("master_keys").toString()).contains(KeyFixtures.publicKey(master));

        replacement.set("auth", readTree(TestUsers.passwordAuth(alice.userId(), "pw",
                challenge.json().path("session").asText())));
        Reply done = post(alice, "/keys/device_signing/upload", replacement);
        assertThat(done.status()).as(done.body()).isEqualTo(200);
        assertThat(query(bob, alice.userId()).path("master_keys").toString()).contains(KeyFixtures.publicKey(newMaster));
    }

    private static JsonNode readTree(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void badKeysAreRefused() {
        ObjectNode unsigned = keys(alice.userId(), master, selfSigning, userSigning);
        unsigned.set("self_signing_key", KeyFixtures.crossSigning(alice.userId(), "self_signing", selfSigning,
                KeyFixtures.crossSigningKey()));
        assertThat(post(alice, "/keys/device_signing/upload", unsigned).errcode()).isEqualTo("M_INVALID_SIGNATURE");

        ObjectNode wrongUser = keys(bob.userId(), master, selfSigning, userSigning);
        assertThat(post(alice, "/keys/device_signing/upload", wrongUser).errcode()).isEqualTo("M_INVALID_PARAM");

        ObjectNode wrongUsage = keys(alice.userId(), master, selfSigning, userSigning);
        wrongUsage.set("user_signing_key", KeyFixtures.crossSigning(alice.userId(), "self_signing", userSigning, master));
        assertThat(post(alice, "/keys/device_signing/upload", wrongUsage).errcode()).isEqualTo("M_INVALID_PARAM");

        ObjectNode noMaster = Json.MAPPER.createObjectNode();
        noMaster.set("self_signing_key", KeyFixtures.crossSigning(alice.userId(), "self_signing", selfSigning, master));
        assertThat(post(alice, "/keys/device_signing/upload", noMaster).errcode()).isEqualTo("M_MISSING_PARAM");
        assertThat(query(alice, alice.userId()).path("master_keys").has(alice.userId())).isFalse();
    }

    @Test
    void signaturesAreCheckedStoredAndShownToWhoMaySeeThem() {
        assertThat(post(alice, "/keys/device_signing/upload", keys(alice.userId(), master, selfSigning, userSigning))
                .status()).isEqualTo(200);
        SigningKey bobMaster = KeyFixtures.crossSigningKey();
        SigningKey bobUsk = KeyFixtures.crossSigningKey();
        assertThat(post(bob, "/keys/device_signing/upload", keys(bob.userId(), bobMaster, KeyFixtures.crossSigningKey(),
                bobUsk)).status()).isEqualTo(200);

        // Alice's self-signing key signs her device; her device signs her master key.
        ObjectNode device = KeyFixtures.deviceKeys(alice.userId(), alice.deviceId(), aliceDevice);
        device.remove("signatures");
        KeyFixtures.sign(device, alice.userId(), selfSigning);
        ObjectNode aliceMaster = KeyFixtures.crossSigning(alice.userId(), "master", master, null);
        JsonSigning.sign(aliceMaster, alice.userId(), aliceDevice);
        ObjectNode upload = Json.MAPPER.createObjectNode();
        ObjectNode mine = upload.putObject(alice.userId());
        mine.set(alice.deviceId(), device);
        mine.set(KeyFixtures.publicKey(master), aliceMaster);
        Reply r = post(alice, "/keys/signatures/upload", upload);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().path("failures").isEmpty()).as(r.body()).isTrue();

        JsonNode seen = query(bob, alice.userId());
        assertThat(seen.path("device_keys").path(alice.userId()).path(alice.deviceId()).path("signatures")
                .path(alice.userId()).has("ed25519:" + KeyFixtures.publicKey(selfSigning))).isTrue();
        assertThat(seen.path("master_keys").path(alice.userId()).path("signatures").path(alice.userId())
                .has("ed25519:" + alice.deviceId())).isTrue();

        // Bob's user-signing key signs Alice's master key: Bob sees it, Alice's other watchers do not.
        ObjectNode signedByBob = KeyFixtures.crossSigning(alice.userId(), "master", master, null);
        KeyFixtures.sign(signedByBob, bob.userId(), bobUsk);
        ObjectNode bobs = Json.MAPPER.createObjectNode();
        bobs.putObject(alice.userId()).set(KeyFixtures.publicKey(master), signedByBob);
        Reply byBob = post(bob, "/keys/signatures/upload", bobs);
        assertThat(byBob.json().path("failures").isEmpty()).as(byBob.body()).isTrue();
        assertThat(query(bob, alice.userId()).path("master_keys").path(alice.userId()).path("signatures")
                .has(bob.userId())).isTrue();
        assertThat(query(alice, alice.userId()).path("master_keys").path(alice.userId()).path("signatures")
                .has(bob.userId())).isFalse();
    }

    @Test
    void badSignaturesAreReportedPerKey() {
        assertThat(post(alice, "/keys/device_signing/upload", keys(alice.userId(), master, selfSigning, userSigning))
                .status()).isEqualTo(200);
        ObjectNode device = KeyFixtures.deviceKeys(alice.userId(), alice.deviceId(), aliceDevice);
        KeyFixtures.sign(device, alice.userId(), KeyFixtures.crossSigningKey());
        ObjectNode upload = Json.MAPPER.createObjectNode();
        ObjectNode mine = upload.putObject(alice.userId());
        mine.set(alice.deviceId(), device);
        mine.set("NOSUCHDEVICE", device);
        Reply r = post(alice, "/keys/signatures/upload", upload);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("failures").path(alice.userId()).path(alice.deviceId()).path("errcode").asText())
                .isEqualTo("M_INVALID_SIGNATURE");
        assertThat(r.json().path("failures").path(alice.userId()).path("NOSUCHDEVICE").path("errcode").asText())
                .isEqualTo("M_NOT_FOUND");
        assertThat(query(bob, alice.userId()).path("device_keys").path(alice.userId()).path(alice.deviceId())
                .path("signatures").path(alice.userId()).size()).isEqualTo(1);
    }

    @Test
    void deactivationRemovesTheKeys() {
        assertThat(post(alice, "/keys/device_signing/upload", keys(alice.userId(), master, selfSigning, userSigning))
                .status()).isEqualTo(200);
        Reply challenge = post(alice, "/account/deactivate", "{}");
        Reply done = post(alice, "/account/deactivate", "{\"auth\":" + TestUsers.passwordAuth(alice.userId(), "pw",
                challenge.json().path("session").asText()) + "}");
        assertThat(done.status()).as(done.body()).isEqualTo(200);
        JsonNode seen = query(bob, alice.userId());
        assertThat(seen.path("master_keys").has(alice.userId())).isFalse();
        assertThat(seen.path("device_keys").path(alice.userId()).isEmpty()).isTrue();
    }
}
