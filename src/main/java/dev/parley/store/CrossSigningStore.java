package dev.parley.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.id.UserId;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Cross-signing keys and the signatures uploaded with {@code POST /keys/signatures/upload}
 * (Client-Server API, "Cross-signing"). Keyed by user ID alone, so remote users' keys fit too.
 */
public interface CrossSigningStore {
    /** {@code usage}: {@code master}, {@code self_signing} or {@code user_signing}. */
    Map<String, ObjectNode> keys(UserId user);

    /**
     * Stores the keys by usage in one transaction. Signatures made by or over a replaced key are
     * dropped with it, since they vouch for a key that is gone.
     */
    void setKeys(UserId user, Map<String, ObjectNode> byUsage);

    /** A signature by {@code signer}'s key {@code signerKeyId} over {@code target}'s key {@code targetKeyId}. */
    record Signature(UserId signer, String signerKeyId, UserId target, String targetKeyId, String signature) {
    }

    void addSignatures(Collection<Signature> signatures);

    /** The stored signatures over the target user's keys (device IDs or public keys). */
    List<Signature> signaturesOver(UserId target);

    /** Deletes the user's cross-signing keys and every signature by or over them (account deactivation). */
    void deleteAll(UserId user);
}
