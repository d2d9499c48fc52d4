package dev.parley.core.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.crypto.Sha256;
import dev.parley.core.crypto.UnpaddedBase64;
import dev.parley.core.event.Pdu;
import dev.parley.core.event.Redaction;
import dev.parley.core.id.ServerName;
import dev.parley.core.json.CanonicalJson;
import dev.parley.core.room.RoomVersion;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Real Ed25519 signatures for tests: every name (a server, an identity server key) gets a
 * deterministic key pair, and {@link SignatureCheck} verifies against those keys.
 */
public final class TestSignatures implements SignatureCheck {
    private static final String KEY_ID = "ed25519:test";

    public static Ed25519PrivateKeyParameters keyOf(String name) {
        return new Ed25519PrivateKeyParameters(Sha256.hash(("parley-test-key:" + name).getBytes(StandardCharsets.UTF_8)), 0);
    }

    public static String publicKeyOf(String name) {
        return UnpaddedBase64.encode(keyOf(name).generatePublicKey().getEncoded());
    }

    static String sign(String name, byte[] message) {
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, keyOf(name));
        signer.update(message, 0, message.length);
        return UnpaddedBase64.encode(signer.generateSignature());
    }

    static boolean verify(String publicKey, byte[] message, String signature) {
        try {
            Ed25519Signer verifier = new Ed25519Signer();
            verifier.init(false, new Ed25519PublicKeyParameters(UnpaddedBase64.decode(publicKey), 0));
            verifier.update(message, 0, message.length);
            return verifier.verifySignature(UnpaddedBase64.decode(signature));
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** What a server signs for an event: the redacted event without signatures and unsigned. */
    static byte[] signingBytes(ObjectNode eventJson, RoomVersion version) {
        ObjectNode redacted = Redaction.redact(eventJson, version);
        return CanonicalJson.encodeWithout(redacted, mode(version), "signatures", "unsigned");
    }

    /** Adds {@code server}'s signature to the event JSON (before it is parsed into a Pdu). */
    public static void signEvent(ObjectNode eventJson, RoomVersion version, String server) {
        String signature = sign(server, signingBytes(eventJson, version));
        eventJson.withObjectProperty("signatures").withObjectProperty(server).put(KEY_ID, signature);
    }

    /** Replaces {@code signatures} of a third-party invite {@code signed} block by {@code keyName}'s. */
    public static void signThirdPartyBlock(ObjectNode signed, String keyName) {
        signed.remove("signatures");
        String signature = sign(keyName, CanonicalJson.encode(signed));
        signed.putObject("signatures").putObject("id.test").put("ed25519:0", signature);
    }

    private static CanonicalJson.Mode mode(RoomVersion version) {
        return version.strictCanonicalJson() ? CanonicalJson.Mode.STRICT : CanonicalJson.Mode.LENIENT;
    }

    @Override
    public boolean isSignedByServer(Pdu event, ServerName server) {
        JsonNode byServer = event.signatures().get(server.value());
        if (byServer == null) {
            return false;
        }
        byte[] message = signingBytes(event.json(), event.roomVersion());
        String publicKey = publicKeyOf(server.value());
        for (Map.Entry<String, JsonNode> sig : byServer.properties()) {
            if (verify(publicKey, message, sig.getValue().textValue())) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean signedMatchesAnyKey(ObjectNode signed, List<String> publicKeys) {
        JsonNode signatures = signed.get("signatures");
        if (signatures == null || !signatures.isObject()) {
            return false;
        }
        byte[] message = CanonicalJson.encodeWithout(signed, CanonicalJson.Mode.STRICT, "signatures");
        for (JsonNode byServer : signatures) {
            for (JsonNode sig : byServer) {
                for (String key : publicKeys) {
                    if (sig.isTextual() && verify(key, message, sig.textValue())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
