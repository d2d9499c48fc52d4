package dev.parley.http.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.DialectServerTest;
import dev.parley.testing.Http;
import dev.parley.testing.Http.Reply;
import dev.parley.testing.RoomCalls;
import org.junit.jupiter.api.Test;

/** Server-side key backups: versions, session keys, the replacement rule, etags and counts. */
class KeyBackupHttpTest extends DialectServerTest {
    private static final String ROOM = "!room:localhost";
    private static final String ALGORITHM = "m.megolm_backup.v1.curve25519-aes-sha2";

    KeyBackupHttpTest() {
        super(1); // alice
    }

    private Reply call(String method, String path, String body) {
        return Http.call(method, server.baseUrl() + "/_matrix/client/v3" + path, alice.accessToken(), body);
    }

    private String createVersion(String publicKey) {
        Reply r = call("POST", "/room_keys/version",
                "{\"algorithm\":\"" + ALGORITHM + "\",\"auth_data\":{\"public_key\":\"" + publicKey + "\"}}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().path("version").asText();
    }

    private static String key(boolean verified, int firstIndex, int forwarded, String data) {
        return "{\"first_message_index\":" + firstIndex + ",\"forwarded_count\":" + forwarded + ",\"is_verified\":"
                + verified + ",\"session_data\":{\"ciphertext\":\"" + data + "\"}}";
    }

    private String sessionPath(String version, String session) {
        return "/room_keys/keys/" + RoomCalls.enc(ROOM) + "/" + session + "?version=" + version;
    }

    private String stored(String version, String session) {
        Reply r = call("GET", sessionPath(version, session), null);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().path("session_data").path("ciphertext").asText();
    }

    @Test
    void versionsAreCreatedReadUpdatedAndDeleted() {
        assertThat(call("GET", "/room_keys/version", null).errcode()).isEqualTo("M_NOT_FOUND");
        String v1 = createVersion("pk1");
        JsonNode current = call("GET", "/room_keys/version", null).json();
        assertThat(current.path("version").asText()).isEqualTo(v1);
        assertThat(current.path("algorithm").asText()).isEqualTo(ALGORITHM);
        assertThat(current.path("auth_data").path("public_key").asText()).isEqualTo("pk1");
        assertThat(current.path("count").asLong()).isZero();
        assertThat(current.path("etag").isTextual()).isTrue();

        Reply update = call("PUT", "/room_keys/version/" + v1,
                "{\"algorithm\":\"" + ALGORITHM + "\",\"auth_data\":{\"public_key\":\"pk1b\"},\"version\":\"" + v1 + "\"}");
        assertThat(update.status()).as(update.body()).isEqualTo(200);
        assertThat(call("GET", "/room_keys/version/" + v1, null).json().path("auth_data").path("public_key").asText())
                .isEqualTo("pk1b");
        assertThat(call("PUT", "/room_keys/version/" + v1, "{\"algorithm\":\"other\",\"auth_data\":{}}").errcode())
                .isEqualTo("M_INVALID_PARAM");

        String v2 = createVersion("pk2");
        assertThat(v2).isNotEqualTo(v1);
        assertThat(call("GET", "/room_keys/version", null).json().path("version").asText()).isEqualTo(v2);
        assertThat(call("DELETE", "/room_keys/version/" + v2, null).status()).isEqualTo(200);
        assertThat(call("GET", "/room_keys/version/" + v2, null).errcode()).isEqualTo("M_NOT_FOUND");
        assertThat(call("GET", "/room_keys/version", null).json().path("version").asText()).isEqualTo(v1);
        // A deleted version's number is never handed out again.
        assertThat(Long.parseLong(createVersion("pk3"))).isGreaterThan(Long.parseLong(v2));
        assertThat(call("DELETE", "/room_keys/version/999", null).errcode()).isEqualTo("M_NOT_FOUND");
        assertThat(call("POST", "/room_keys/version", "{\"algorithm\":1}").errcode()).isEqualTo("M_BAD_JSON");
    }

    @Test
    void theBetterKeyOfASessionIsKept() {
        String v = createVersion("pk");
        Reply first = call("PUT", sessionPath(v, "S1"), key(false, 5, 1, "first"));
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.json().path("count").asLong()).isEqualTo(1);
        String etag = first.json().path("etag").asText();

        // Worse (higher first_message_index) is ignored, and the etag stays.
        Reply worse = call("PUT", sessionPath(v, "S1"), key(false, 9, 0, "worse"));
        assertThat(worse.json().path("etag").asText()).isEqualTo(etag);
        assertThat(stored(v, "S1")).isEqualTo("first");
        // Same index, fewer forwards: better.
        call("PUT", sessionPath(v, "S1"), key(false, 5, 0, "fewer-forwards"));
        assertThat(stored(v, "S1")).isEqualTo("fewer-forwards");
        // Verified beats everything unverified, even with a higher index.
        Reply verified = call("PUT", sessionPath(v, "S1"), key(true, 50, 3, "verified"));
        assertThat(verified.json().path("etag").asText()).isNotEqualTo(etag);
        assertThat(stored(v, "S1")).isEqualTo("verified");
        call("PUT", sessionPath(v, "S1"), key(false, 0, 0, "unverified"));
        assertThat(stored(v, "S1")).isEqualTo("verified");
    }

    @Test
    void keysAreReadAndDeletedByBackupRoomAndSession() {
        String v = createVersion("pk");
        Reply all = call("PUT", "/room_keys/keys?version=" + v, "{\"rooms\":{\"" + ROOM + "\":{\"sessions\":{\"S1\":"
                + key(false, 0, 0, "one") + ",\"S2\":" + key(false, 0, 0, "two") + "}},\"!other:localhost\":{\"sessions\":{"
                + "\"S3\":" + key(false, 0, 0, "three") + "}}}}");
        assertThat(all.status()).as(all.body()).isEqualTo(200);
        assertThat(all.json().path("count").asLong()).isEqualTo(3);
        call("PUT", "/room_keys/keys/" + RoomCalls.enc("!other:localhost") + "?version=" + v,
                "{\"sessions\":{\"S4\":" + key(false, 0, 0, "four") + "}}");

        JsonNode everything = call("GET", "/room_keys/keys?version=" + v, null).json();
        assertThat(everything.path("rooms").path(ROOM).path("sessions").size()).isEqualTo(2);
        assertThat(everything.path("rooms").path("!other:localhost").path("sessions").size()).isEqualTo(2);
        JsonNode room = call("GET", "/room_keys/keys/" + RoomCalls.enc(ROOM) + "?version=" + v, null).json();
        assertThat(room.path("sessions").has("S2")).isTrue();
        assertThat(call("GET", "/room_keys/keys/" + RoomCalls.enc("!none:localhost") + "?version=" + v, null).json()
                .path("sessions").isEmpty()).isTrue();
        assertThat(call("GET", sessionPath(v, "NOPE"), null).errcode()).isEqualTo("M_NOT_FOUND");

        Reply deleted = call("DELETE", sessionPath(v, "S1"), null);
        assertThat(deleted.json().path("count").asLong()).isEqualTo(3);
        assertThat(call("DELETE", "/room_keys/keys/" + RoomCalls.enc("!other:localhost") + "?version=" + v, null)
                .json().path("count").asLong()).isEqualTo(1);
        assertThat(call("DELETE", "/room_keys/keys?version=" + v, null).json().path("count").asLong()).isZero();
        assertThat(call("GET", "/room_keys/version/" + v, null).json().path("count").asLong()).isZero();
        assertThat(call("GET", "/room_keys/keys?version=999", null).errcode()).isEqualTo("M_NOT_FOUND");
        assertThat(call("GET", "/room_keys/keys", null).errcode()).isEqualTo("M_MISSING_PARAM");
    }

    @Test
    void onlyTheCurrentVersionTakesKeys() {
        assertThat(call("PUT", sessionPath("1", "S1"), key(false, 0, 0, "x")).errcode()).isEqualTo("M_NOT_FOUND");
        String v1 = createVersion("pk1");
        String v2 = createVersion("pk2");
        Reply stale = call("PUT", sessionPath(v1, "S1"), key(false, 0, 0, "x"));
        assertThat(stale.status()).isEqualTo(403);
        assertThat(stale.errcode()).isEqualTo("M_WRONG_ROOM_KEYS_VERSION");
        assertThat(stale.json().path("current_version").asText()).isEqualTo(v2);
        assertThat(call("PUT", sessionPath(v2, "S1"), key(false, 0, 0, "x")).status()).isEqualTo(200);
        assertThat(call("PUT", sessionPath(v2, "S1"), "{\"first_message_index\":\"no\"}").errcode())
                .isEqualTo("M_BAD_JSON");
    }
}
