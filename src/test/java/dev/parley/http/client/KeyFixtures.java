package dev.parley.http.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.crypto.JsonSigning;
import dev.parley.core.crypto.SigningKey;
import dev.parley.core.id.KeyId;
import dev.parley.core.json.CanonicalJson;
import dev.parley.core.json.Json;

/** Signed key objects as a client would build them, with real Ed25519 keys. */
final class KeyFixtures {
    private KeyFixtures() {
    }

    /** A device's Ed25519 key: its key ID version is the device ID. */
    static SigningKey deviceKey(String deviceId) {
        return SigningKey.generate(deviceId);
    }

    /** A cross-signing key; sign with {@link #sign}, since its key ID version is its own public key. */
    static SigningKey crossSigningKey() {
        return SigningKey.generate("cross_signing");
    }

    /** Signs as {@code userId} with a cross-signing key, key ID {@code ed25519:<public key>}. */
    static ObjectNode sign(ObjectNode json, String userId, SigningKey crossSigningKey) {
        JsonSigning.addSignature(json, userId, KeyId.ed25519(publicKey(crossSigningKey)),
                JsonSigning.signature(json, crossSigningKey, CanonicalJson.Mode.STRICT));
        return json;
    }

    static String publicKey(SigningKey key) {
        return key.verifyKey().publicKeyBase64();
    }

    /** DeviceKeys for {@code userId}'s device, self-signed with {@code key}. */
    static ObjectNode deviceKeys(String userId, String deviceId, SigningKey key) {
        ObjectNode keys = Json.MAPPER.createObjectNode();
        keys.put("user_id", userId);
        keys.put("device_id", deviceId);
        keys.putArray("algorithms").add("m.olm.v1.curve25519-aes-sha2").add("m.megolm.v1.aes-sha2");
        ObjectNode k = keys.putObject("keys");
        k.put("curve25519:" + deviceId, "curve" + deviceId + "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
        k.put("ed25519:" + deviceId, publicKey(key));
        return JsonSigning.sign(keys, userId, key);
    }

    /** A cross-signing key object of one usage, signed by {@code signer} (or unsigned when null). */
    static ObjectNode crossSigning(String userId, String usage, SigningKey key, SigningKey signer) {
        ObjectNode json = Json.MAPPER.createObjectNode();
        json.put("user_id", userId);
        json.putArray("usage").add(usage);
        json.putObject("keys").put("ed25519:" + publicKey(key), publicKey(key));
        return signer == null ? json : sign(json, userId, signer);
    }

    /** A signed_curve25519 one-time key object signed by the device key. */
    static ObjectNode signedCurve25519(String userId, String value, SigningKey deviceKey) {
        ObjectNode json = Json.MAPPER.createObjectNode();
        json.put("key", value);
        return JsonSigning.sign(json, userId, deviceKey);
    }
}
