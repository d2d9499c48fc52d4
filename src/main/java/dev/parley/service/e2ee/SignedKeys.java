package dev.parley.service.e2ee;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.crypto.JsonSigning;
import dev.parley.core.crypto.VerifyKey;
import dev.parley.core.error.MatrixException;
import dev.parley.core.id.KeyId;
import dev.parley.core.id.UserId;
import dev.parley.core.json.CanonicalJson;
import java.util.Map;
import java.util.Optional;

/** Checks on the signed key objects clients upload ("Signing Details" applied to keys). */
final class SignedKeys {
    private SignedKeys() {
    }

    /** True if {@code object} carries {@code signer}'s valid signature by the Ed25519 key {@code ed25519:<version>}. */
    static boolean signedBy(ObjectNode object, UserId signer, String version, String publicKeyBase64) {
        try {
            VerifyKey key = VerifyKey.fromBase64(KeyId.ed25519(version), publicKeyBase64);
            return JsonSigning.verify(object, signer.value(), key, CanonicalJson.Mode.STRICT);
        } catch (MatrixException | IllegalArgumentException malformed) {
            return false;
        }
    }

    /**
     * The public key of a cross-signing key: its {@code keys} must hold exactly one entry,
     * {@code ed25519:<public key>} → the same public key ("Cross-signing").
     */
    static Optional<String> crossSigningPublicKey(ObjectNode key) {
        JsonNode keys = key.path("keys");
        if (!keys.isObject() || keys.size() != 1) {
            return Optional.empty();
        }
        Map.Entry<String, JsonNode> only = keys.properties().iterator().next();
        String prefix = KeyId.ED25519 + ":";
        if (!only.getKey().startsWith(prefix) || !only.getValue().isTextual()
                || !only.getKey().substring(prefix.length()).equals(only.getValue().asText())) {
            return Optional.empty();
        }
        return Optional.of(only.getValue().asText());
    }

    /** The object without {@code signatures} and {@code unsigned}: what signatures cover. */
    static ObjectNode signedPart(ObjectNode object) {
        ObjectNode copy = object.deepCopy();
        copy.remove("signatures");
        copy.remove("unsigned");
        return copy;
    }
}
