package dev.parley.http.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.crypto.SigningKey;
import dev.parley.core.json.Json;
import dev.parley.testing.DialectServerTest;
import dev.parley.testing.Http;
import dev.parley.testing.Http.Reply;
import dev.parley.testing.TestUsers;
import dev.parley.testing.TestUsers.User;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code /keys/upload}, {@code /keys/query}, {@code /keys/claim} and the key counts in {@code /sync}. */
class KeysHttpTest extends DialectServerTest {
    private SigningKey aliceKey;

    KeysHttpTest() {
        super(2); // alice and bob
    }

    @BeforeEach
    void start() {
        aliceKey = KeyFixtures.deviceKey(alice.deviceId());
    }

    private Reply post(User user, String path, Object body) {
        return Http.call("POST", server.baseUrl() + "/_matrix/client/v3" + path, user.accessToken(), body.toString());
    }

    private Reply upload(User user, ObjectNode body) {
        return post(user, "/keys/upload", body);
    }

    private static ObjectNode body() {
        return Json.MAPPER.createObjectNode();
    }

    private JsonNode sync(User user) {
        Reply r = Http.get(server.baseUrl() + "/_matrix/client/v3/sync", user.accessToken());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    private JsonNode query(User requester, String userId) {
        ObjectNode q = body();
        q.putObject("device_keys").putArray(userId);
        Reply r = post(requester, "/keys/query", q);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    @Test
    void deviceKeysAreStoredExactlyAndServedWithTheDisplayName() {
        ObjectNode keys = KeyFixtures.deviceKeys(alice.userId(), alice.deviceId(), aliceKey);
        ObjectNode b = body();
        b.set("device_keys", keys);
        Reply r = upload(alice, b);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().path("one_time_key_counts").path("signed_curve25519").asLong()).isZero();

        Http.call("PUT", server.baseUrl() + "/_matrix/client/v3/devices/" + alice.deviceId(), alice.accessToken(),
                "{\"display_name\":\"Alice's phone\"}");
        JsonNode served = query(bob, alice.userId()).path("device_keys").path(alice.userId()).path(alice.deviceId());
        assertThat(served.path("unsigned").path("device_display_name").asText()).isEqualTo("Alice's phone");
        ObjectNode withoutUnsigned = served.deepCopy();
        withoutUnsigned.remove("unsigned");
        assertThat(withoutUnsigned).isEqualTo(keys);
        // The same keys again are fine.
        assertThat(upload(alice, b).status()).isEqualTo(200);
    }

    @Test
    void badDeviceKeysAreRefusedAndChangeNothing() {
        ObjectNode other = body();
        other.set("device_keys", KeyFixtures.deviceKeys(alice.userId(), "OTHERDEVICE", aliceKey));
        assertThat(upload(alice, other).errcode()).isEqualTo("M_INVALID_PARAM");

        ObjectNode bobs = body();
        bobs.set("device_keys", KeyFixtures.deviceKeys(bob.userId(), alice.deviceId(), aliceKey));
        assertThat(upload(alice, bobs).errcode()).isEqualTo("M_INVALID_PARAM");

        ObjectNode forged = KeyFixtures.deviceKeys(alice.userId(), alice.deviceId(), aliceKey);
        ((ObjectNode) forged.path("keys")).put("curve25519:" + alice.deviceId(), "tampered");
        ObjectNode badSignature = body();
        badSignature.set("device_keys", forged);
        assertThat(upload(alice, badSignature).errcode()).isEqualTo("M_INVALID_PARAM");

        assertThat(upload(alice, (ObjectNode) body().put("device_keys", "nope")).errcode()).isEqualTo("M_BAD_JSON");
        assertThat(query(bob, alice.userId()).path("device_keys").path(alice.userId()).isEmpty()).isTrue();

        ObjectNode good = body();
        good.set("device_keys", KeyFixtures.deviceKeys(alice.userId(), alice.deviceId(), aliceKey));
        assertThat(upload(alice, good).status()).isEqualTo(200);
        ObjectNode replaced = body();
        replaced.set("device_keys", KeyFixtures.deviceKeys(alice.userId(), alice.deviceId(),
                KeyFixtures.deviceKey(alice.deviceId())));
        Reply refused = upload(alice, replaced);
        assertThat(refused.errcode()).isEqualTo("M_INVALID_PARAM");
        assertThat(query(bob, alice.userId()).path("device_keys").path(alice.userId()).path(alice.deviceId())
                .path("keys")).isEqualTo(good.path("device_keys").path("keys"));
    }

    private ObjectNode oneTimeKeys(int from, int count) {
        ObjectNode keys = body();
        for (int i = from; i < from + count; i++) {
            keys.set("signed_curve25519:K" + i, KeyFixtures.signedCurve25519(alice.userId(), "otk" + i, aliceKey));
        }
        return keys;
    }

    private ObjectNode claimBody() {
        ObjectNode claim = body();
        claim.putObject("one_time_keys").putObject(alice.userId()).put(alice.deviceId(), "signed_curve25519");
        return claim;
    }

    /** The claimed key ID of alice's device, or null when nothing was handed out. */
    private String claim() {
        Reply r = post(bob, "/keys/claim", claimBody());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode device = r.json().path("one_time_keys").path(alice.userId()).path(alice.deviceId());
        return device.isObject() && device.size() == 1 ? device.properties().iterator().next().getKey() : null;
    }

    @Test
    void oneTimeKeysAreClaimedOnceThenTheFallbackKey() {
        ObjectNode b = body();
        b.set("one_time_keys", oneTimeKeys(0, 2));
        Reply r = upload(alice, b);
        assertThat(r.json().path("one_time_key_counts").path("signed_curve25519").asLong()).isEqualTo(2);
        // The same key ID with other content is an error; with the same content it is ignored.
        ObjectNode clash = body();
        clash.putObject("one_time_keys").put("signed_curve25519:K0", "different");
        assertThat(upload(alice, clash).errcode()).isEqualTo("M_INVALID_PARAM");
        assertThat(upload(alice, b).json().path("one_time_key_counts").path("signed_curve25519").asLong()).isEqualTo(2);

        ObjectNode fallback = body();
        fallback.putObject("fallback_keys").set("signed_curve25519:F1",
                KeyFixtures.signedCurve25519(alice.userId(), "fallback", aliceKey));
        upload(alice, fallback);
        JsonNode s = sync(alice);
        assertThat(s.path("device_one_time_keys_count").path("signed_curve25519").asLong()).isEqualTo(2);
        assertThat(s.path("device_unused_fallback_key_types").toString()).isEqualTo("[\"signed_curve25519\"]");

        Set<String> claimed = new HashSet<>(List.of(claim(), claim()));
        assertThat(claimed).containsExactlyInAnyOrder("signed_curve25519:K0", "signed_curve25519:K1");
        assertThat(claim()).isEqualTo("signed_curve25519:F1");
        // A used fallback key is still handed out, but the device is told to replace it.
        assertThat(claim()).isEqualTo("signed_curve25519:F1");
        s = sync(alice);
        assertThat(s.path("device_one_time_keys_count").path("signed_curve25519").asLong()).isZero();
        assertThat(s.path("device_unused_fallback_key_types").isEmpty()).isTrue();
        upload(alice, fallback);
        assertThat(sync(alice).path("device_unused_fallback_key_types").size()).isEqualTo(1);
    }

    @Test
    void oneTimeKeysAreHandedOutInTheOrderTheyWereUploaded() {
        // v1.13 (MSC4225): upload order, not key ID order, decides; these IDs sort the other way round.
        for (String id : List.of("K9", "K5", "K1")) {
            ObjectNode b = body();
            b.putObject("one_time_keys").set("signed_curve25519:" + id,
                    KeyFixtures.signedCurve25519(alice.userId(), "otk" + id, aliceKey));
            assertThat(upload(alice, b).status()).isEqualTo(200);
        }
        assertThat(claim()).isEqualTo("signed_curve25519:K9");
        ObjectNode later = body();
        later.set("one_time_keys", oneTimeKeys(0, 1));
        upload(alice, later);
        assertThat(List.of(claim(), claim(), claim()))
                .containsExactly("signed_curve25519:K5", "signed_curve25519:K1", "signed_curve25519:K0");
        assertThat(claim()).isNull();
    }

    private long syncedCount(User user) {
        return sync(user).path("device_one_time_keys_count").path("signed_curve25519").asLong();
    }

    /**
     * The counts a device sees are kept in memory between syncs: another user's claim lowers them,
     * the device's upload raises them, and a claim that falls back marks the fallback key used.
     */
    @Test
    void syncedCountsFollowOthersClaimsAndUploadsOnceKnown() {
        ObjectNode b = body();
        b.set("one_time_keys", oneTimeKeys(0, 3));
        b.putObject("fallback_keys").set("signed_curve25519:F1",
                KeyFixtures.signedCurve25519(alice.userId(), "fallback", aliceKey));
        assertThat(upload(alice, b).status()).isEqualTo(200);
        assertThat(syncedCount(alice)).isEqualTo(3);
        assertThat(syncedCount(alice)).isEqualTo(3);

        assertThat(claim()).isNotNull();
        assertThat(syncedCount(alice)).isEqualTo(2);

        ObjectNode more = body();
        more.set("one_time_keys", oneTimeKeys(3, 2));
        assertThat(upload(alice, more).status()).isEqualTo(200);
        assertThat(syncedCount(alice)).isEqualTo(4);

        for (int i = 0; i < 4; i++) {
            assertThat(claim()).isNotNull();
        }
        assertThat(sync(alice).path("device_unused_fallback_key_types").size()).isEqualTo(1);
        assertThat(claim()).isEqualTo("signed_curve25519:F1");
        JsonNode s = sync(alice);
        assertThat(s.path("device_one_time_keys_count").path("signed_curve25519").asLong()).isZero();
        assertThat(s.path("device_unused_fallback_key_types").isEmpty()).isTrue();
    }

    /** A device ID that comes back after its device was deleted starts without the old device's keys. */
    @Test
    void aDeletedDevicesCountsAreNotReportedToItsSuccessor() {
        User laptop = laptop();
        ObjectNode b = body();
        b.putObject("one_time_keys").put("signed_curve25519:A", "abc").put("signed_curve25519:B", "def");
        assertThat(upload(laptop, b).status()).isEqualTo(200);
        assertThat(syncedCount(laptop)).isEqualTo(2);

        assertThat(post(laptop, "/logout", "{}").status()).isEqualTo(200);
        assertThat(syncedCount(laptop())).isZero();
    }

    private User laptop() {
        JsonNode login = TestUsers.login(server, "alice", "pw", "\"device_id\":\"LAPTOP\"").json();
        return new User(alice.userId(), login.path("access_token").asText(), "LAPTOP");
    }

    @Test
    void concurrentClaimsNeverHandOutAKeyTwice() throws Exception {
        int keys = 40;
        ObjectNode b = body();
        b.set("one_time_keys", oneTimeKeys(0, keys));
        assertThat(upload(alice, b).status()).isEqualTo(200);
        int claimers = 60;
        List<CompletableFuture<String>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(claimers)) {
            for (int i = 0; i < claimers; i++) {
                results.add(CompletableFuture.supplyAsync(this::claim, pool));
            }
            List<String> got = new ArrayList<>();
            for (CompletableFuture<String> result : results) {
                String id = result.get();
                if (id != null) {
                    got.add(id);
                }
            }
            assertThat(got).hasSize(keys).doesNotHaveDuplicates();
        }
        assertThat(sync(alice).path("device_one_time_keys_count").path("signed_curve25519").asLong()).isZero();
    }

    @Test
    void remoteUsersAreReportedAsFailuresAndMalformedQueriesRefused() {
        ObjectNode q = body();
        ObjectNode users = q.putObject("device_keys");
        users.putArray("@someone:remote.example");
        users.putArray(alice.userId());
        q.put("timeout", 1000);
        Reply r = post(bob, "/keys/query", q);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().path("failures").has("remote.example")).isTrue();
        assertThat(r.json().path("device_keys").has(alice.userId())).isTrue();

        ObjectNode claim = body();
        claim.putObject("one_time_keys").putObject("@someone:remote.example").put("DEV", "signed_curve25519");
        assertThat(post(bob, "/keys/claim", claim).json().path("failures").has("remote.example")).isTrue();

        assertThat(post(bob, "/keys/query", "{\"device_keys\":{\"not-a-user\":[]}}").errcode()).isEqualTo("M_BAD_JSON");
        assertThat(post(bob, "/keys/query", "{}").errcode()).isEqualTo("M_BAD_JSON");
        assertThat(post(bob, "/keys/claim", "{\"one_time_keys\":[]}").errcode()).isEqualTo("M_BAD_JSON");
    }

    @Test
    void deletingADeviceDeletesItsKeys() {
        JsonNode login = TestUsers.login(server, "alice", "pw", "\"device_id\":\"LAPTOP\"").json();
        User laptop = new User(alice.userId(), login.path("access_token").asText(), "LAPTOP");
        SigningKey laptopKey = KeyFixtures.deviceKey("LAPTOP");
        ObjectNode b = body();
        b.set("device_keys", KeyFixtures.deviceKeys(alice.userId(), "LAPTOP", laptopKey));
        b.putObject("one_time_keys").put("curve25519:A", "abc");
        assertThat(upload(laptop, b).status()).isEqualTo(200);
        assertThat(query(bob, alice.userId()).path("device_keys").path(alice.userId()).has("LAPTOP")).isTrue();

        assertThat(post(laptop, "/logout", "{}").status()).isEqualTo(200);
        assertThat(query(bob, alice.userId()).path("device_keys").path(alice.userId()).has("LAPTOP")).isFalse();
        ObjectNode claim = body();
        claim.putObject("one_time_keys").putObject(alice.userId()).put("LAPTOP", "curve25519");
        assertThat(post(bob, "/keys/claim", claim).json().path("one_time_keys").path(alice.userId()).isMissingNode()).isTrue();
    }
}
