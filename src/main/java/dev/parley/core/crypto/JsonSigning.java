package dev.parley.core.crypto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.error.MatrixException;
import dev.parley.core.id.KeyId;
import dev.parley.core.json.CanonicalJson;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Signing and checking JSON objects: spec appendix "Signing Details" and "Checking for a
 * Signature". The signed bytes are the canonical JSON of the object without {@code signatures}
 * and {@code unsigned}; signatures live in {@code signatures.<entity>.<key id>}.
 */
public final class JsonSigning {
    private static final String SIGNATURES = "signatures";
    private static final String UNSIGNED = "unsigned";

    private JsonSigning() {
    }

    /** The bytes a signature covers. */
    public static byte[] signedBytes(ObjectNode object, CanonicalJson.Mode mode) {
        return CanonicalJson.encodeWithout(object, mode, SIGNATURES, UNSIGNED);
    }

    /** The unpadded Base64 signature of {@code object} by {@code key}; the object is not changed. */
    public static String signature(ObjectNode object, SigningKey key, CanonicalJson.Mode mode) {
        return UnpaddedBase64.encode(key.sign(signedBytes(object, mode)));
    }

    /**
     * Signs {@code object} in place as {@code entity} (a server name or user ID): adds the
     * signature to {@code signatures.<entity>.<key id>}, keeping any other signatures.
     */
    public static ObjectNode sign(ObjectNode object, String entity, SigningKey key) {
        return sign(object, entity, key, CanonicalJson.Mode.STRICT);
    }

    public static ObjectNode sign(ObjectNode object, String entity, SigningKey key, CanonicalJson.Mode mode) {
        String signature = signature(object, key, mode);
        addSignature(object, entity, key.keyId(), signature);
        return object;
    }

    /** Puts one signature into {@code signatures.<entity>.<keyId>}, creating the objects as needed. */
    public static void addSignature(ObjectNode object, String entity, KeyId keyId, String signature) {
        JsonNode all = object.get(SIGNATURES);
        ObjectNode signatures = all instanceof ObjectNode o ? o : object.putObject(SIGNATURES);
        JsonNode mine = signatures.get(entity);
        ObjectNode forEntity = mine instanceof ObjectNode o ? o : signatures.putObject(entity);
        forEntity.put(keyId.value(), signature);
    }

    /** The key IDs {@code entity} signed with, in the order they appear (any algorithm). */
    public static List<KeyId> signingKeyIds(ObjectNode object, String entity) {
        JsonNode forEntity = object.path(SIGNATURES).path(entity);
        List<KeyId> ids = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : forEntity.properties()) {
            if (KeyId.isValid(e.getKey())) {
                ids.add(KeyId.parse(e.getKey()));
            }
        }
        return ids;
    }

    /** True if {@code object} carries a valid signature by exactly this key as {@code entity}. */
    public static boolean verify(ObjectNode object, String entity, VerifyKey key, CanonicalJson.Mode mode) {
        JsonNode sig = object.path(SIGNATURES).path(entity).path(key.keyId().value());
        if (!sig.isTextual()) {
            return false;
        }
        return verifySignature(signedBytes(object, mode), sig.textValue(), key);
    }

    /**
     * "Checking for a Signature": the entity must have signatures by keys we understand and can
     * find ({@code keys} returns null for unknown or expired keys, which are skipped), at least
     * one such key, and every one of them must verify.
     */
    public static boolean check(ObjectNode object, String entity, Function<KeyId, VerifyKey> keys,
                                CanonicalJson.Mode mode) {
        JsonNode forEntity = object.path(SIGNATURES).path(entity);
        if (!forEntity.isObject()) {
            return false;
        }
        byte[] signed = null;
        int verified = 0;
        for (Map.Entry<String, JsonNode> e : forEntity.properties()) {
            if (!e.getKey().startsWith(KeyId.ED25519 + ":") || !KeyId.isValid(e.getKey())) {
                continue; // Step 2: drop algorithms we do not understand.
            }
            VerifyKey key = keys.apply(KeyId.parse(e.getKey()));
            if (key == null) {
                continue; // Unknown keys are ignored (server-server "Validating hashes and signatures").
            }
            if (!e.getValue().isTextual()) {
                return false;
            }
            if (signed == null) {
                signed = signedBytes(object, mode);
            }
            if (!verifySignature(signed, e.getValue().textValue(), key)) {
                return false;
            }
            verified++;
        }
        return verified > 0;
    }

    private static boolean verifySignature(byte[] signed, String base64, VerifyKey key) {
        byte[] signature;
        try {
            signature = UnpaddedBase64.decode(base64);
        } catch (MatrixException malformed) {
            return false; // Step 4: "If base64 decoding fails then the check fails."
        }
        return key.verify(signed, signature);
    }
}
