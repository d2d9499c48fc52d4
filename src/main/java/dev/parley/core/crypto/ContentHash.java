package dev.parley.core.crypto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.error.MatrixException;
import dev.parley.core.json.CanonicalJson;

import java.security.MessageDigest;

/**
 * The content hash of an event: server-server "Calculating the content hash for an event".
 * Remove {@code unsigned}, {@code signatures} and {@code hashes}, canonicalise, SHA-256. It covers
 * the unredacted event, so a mismatch reveals a redacted or altered copy.
 */
public final class ContentHash {
    private ContentHash() {
    }

    public static byte[] compute(ObjectNode event, CanonicalJson.Mode mode) {
        return Sha256.hash(CanonicalJson.encodeWithout(event, mode, "unsigned", "signatures", "hashes"));
    }

    /** Sets {@code hashes.sha256} on {@code event} ("Adding hashes and signatures to outgoing events"). */
    public static void add(ObjectNode event, CanonicalJson.Mode mode) {
        String hash = UnpaddedBase64.encode(compute(event, mode));
        JsonNode hashes = event.get("hashes");
        ObjectNode target = hashes instanceof ObjectNode existing ? existing : event.putObject("hashes");
        target.put("sha256", hash);
    }

    /** True if {@code hashes.sha256} is present, decodes, and equals the computed hash. */
    public static boolean matches(ObjectNode event, CanonicalJson.Mode mode) {
        JsonNode claimed = event.path("hashes").path("sha256");
        if (!claimed.isTextual()) {
            return false;
        }
        byte[] expected;
        try {
            expected = UnpaddedBase64.decode(claimed.textValue());
        } catch (MatrixException malformed) {
            return false;
        }
        return MessageDigest.isEqual(expected, compute(event, mode));
    }
}
