package dev.parley.core.crypto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.id.KeyId;
import dev.parley.core.json.CanonicalJson;
import dev.parley.core.testing.Vectors;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Spec appendix "Cryptographic Test Vectors": "Signing Key" and "JSON Signing". */
class SigningVectorsTest {
    private static final JsonNode V = Vectors.load("signing.json");
    private static final String SERVER = V.get("server_name").textValue();

    static SigningKey specKey() {
        KeyId keyId = KeyId.parse(V.get("key_id").textValue());
        return SigningKey.fromSeed(keyId.version(), UnpaddedBase64.decode(V.get("signing_key_seed").textValue()));
    }

    @Test
    void keyFromSeedHasSpecKeyId() {
        SigningKey key = specKey();
        assertThat(key.keyId().value()).isEqualTo("ed25519:1");
        // The spec's seed text has non-zero padding bits in its last character ('1'); decoders
        // ignore them, so the canonical re-encoding ends in '0'.
        assertThat(UnpaddedBase64.encode(key.seed())).isEqualTo("YJDBA9Xnr2sVqXD9Vj7XVUnmFZcZrlw8Md7kMW+3XA0");
    }

    @Test
    void jsonSigningMatchesSpec() {
        SigningKey key = specKey();
        for (JsonNode c : V.get("json_signing")) {
            ObjectNode signed = JsonSigning.sign(Vectors.object(c.get("input")), SERVER, key);
            assertThat(signed).isEqualTo(c.get("signed"));
        }
    }

    @Test
    void specSignaturesVerifyAndTamperingIsDetected() {
        VerifyKey verifyKey = specKey().verifyKey();
        for (JsonNode c : V.get("json_signing")) {
            ObjectNode signed = Vectors.object(c.get("signed"));
            assertThat(JsonSigning.verify(signed, SERVER, verifyKey, CanonicalJson.Mode.STRICT)).isTrue();
            assertThat(JsonSigning.check(signed, SERVER, id -> id.equals(verifyKey.keyId()) ? verifyKey : null,
                    CanonicalJson.Mode.STRICT)).isTrue();

            signed.putObject("unsigned").put("age", 5);
            assertThat(JsonSigning.verify(signed, SERVER, verifyKey, CanonicalJson.Mode.STRICT))
                    .as("unsigned is not covered").isTrue();

            signed.put("extra", true);
            assertThat(JsonSigning.verify(signed, SERVER, verifyKey, CanonicalJson.Mode.STRICT)).isFalse();
        }
    }

    @Test
    void checkFollowsTheAppendixSteps() {
        VerifyKey verifyKey = specKey().verifyKey();
        ObjectNode signed = Vectors.object(V.get("json_signing").get(1).get("signed"));
        // Step 1: no entry for the entity.
        assertThat(JsonSigning.check(signed, "other", id -> verifyKey, CanonicalJson.Mode.STRICT)).isFalse();
        // Step 3: no verification key found.
        assertThat(JsonSigning.check(signed, SERVER, id -> null, CanonicalJson.Mode.STRICT)).isFalse();
        // Step 2: unknown algorithms are dropped, leaving the good ed25519 signature.
        ((ObjectNode) signed.get("signatures").get(SERVER)).put("curve25519:x", "AAAA");
        assertThat(JsonSigning.check(signed, SERVER, id -> verifyKey, CanonicalJson.Mode.STRICT)).isTrue();
        // Step 4: undecodable signature bytes fail the check.
        ((ObjectNode) signed.get("signatures").get(SERVER)).put("ed25519:1", "!!not base64!!");
        assertThat(JsonSigning.check(signed, SERVER, id -> verifyKey, CanonicalJson.Mode.STRICT)).isFalse();
    }

    @Test
    void anotherKeyDoesNotVerify() {
        VerifyKey other = SigningKey.fromSeed("1", new byte[32]).verifyKey();
        ObjectNode signed = Vectors.object(V.get("json_signing").get(0).get("signed"));
        assertThat(JsonSigning.verify(signed, SERVER, other, CanonicalJson.Mode.STRICT)).isFalse();
    }
}
