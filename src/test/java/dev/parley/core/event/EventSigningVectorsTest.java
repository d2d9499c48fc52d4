package dev.parley.core.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.crypto.SigningKey;
import dev.parley.core.crypto.UnpaddedBase64;
import dev.parley.core.crypto.VerifyKey;
import dev.parley.core.room.RoomVersion;
import dev.parley.core.room.RoomVersions;
import dev.parley.core.testing.Vectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spec appendix "Cryptographic Test Vectors" > "Event Signing". The vectors name no room version;
 * they hold for every rule set that protects top-level {@code origin} (v1 to v10).
 */
class EventSigningVectorsTest {
    private static final JsonNode V = Vectors.load("signing.json");
    private static final SigningKey KEY = SigningKey.fromSeed("1",
            UnpaddedBase64.decode(V.get("signing_key_seed").textValue()));

    @ParameterizedTest
    @ValueSource(strings = {"1", "2", "3", "4", "5", "6", "7", "8", "9", "10"})
    void hashAndSignMatchesSpec(String versionId) {
        RoomVersion version = RoomVersions.get(versionId);
        for (JsonNode c : V.get("event_signing")) {
            ObjectNode event = Vectors.object(c.get("input"));
            EventSigning.hashAndSign(event, version, "domain", KEY);
            assertThat(event).as(c.get("note").textValue()).isEqualTo(c.get("signed"));
        }
    }

    @Test
    void specEventsVerify() {
        VerifyKey vk = KEY.verifyKey();
        for (JsonNode c : V.get("event_signing")) {
            ObjectNode signed = Vectors.object(c.get("signed"));
            assertThat(EventSigning.hasValidSignature(signed, RoomVersions.V1, "domain", id -> vk)).isTrue();
            assertThat(EventHashes.hasValidContentHash(signed, RoomVersions.V1)).isTrue();
        }
    }

    @Test
    void signatureSurvivesRedactionButContentHashDoesNot() {
        VerifyKey vk = KEY.verifyKey();
        ObjectNode signed = Vectors.object(V.get("event_signing").get(1).get("signed"));
        ObjectNode redacted = Redaction.redact(signed, RoomVersions.V1);
        assertThat(redacted.get("content")).isEmpty();
        assertThat(EventSigning.hasValidSignature(redacted, RoomVersions.V1, "domain", id -> vk)).isTrue();
        assertThat(EventHashes.hasValidContentHash(redacted, RoomVersions.V1)).isFalse();

        ObjectNode tampered = signed.deepCopy();
        tampered.put("origin_server_ts", 1000001);
        assertThat(EventSigning.hasValidSignature(tampered, RoomVersions.V1, "domain", id -> vk)).isFalse();
    }

    @Test
    void v11DropsOriginSoTheSignatureDiffers() {
        ObjectNode event = Vectors.object(V.get("event_signing").get(0).get("input"));
        EventSigning.hashAndSign(event, RoomVersions.V11, "domain", KEY);
        JsonNode expected = V.get("event_signing").get(0).get("signed");
        assertThat(event.get("hashes")).isEqualTo(expected.get("hashes"));
        assertThat(event.get("signatures")).isNotEqualTo(expected.get("signatures"));
        assertThat(EventSigning.hasValidSignature(event, RoomVersions.V11, "domain", id -> KEY.verifyKey())).isTrue();
    }
}
