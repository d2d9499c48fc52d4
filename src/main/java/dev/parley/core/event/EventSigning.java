package dev.parley.core.event;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.crypto.ContentHash;
import dev.parley.core.crypto.JsonSigning;
import dev.parley.core.crypto.Sha256;
import dev.parley.core.crypto.SigningKey;
import dev.parley.core.crypto.UnpaddedBase64;
import dev.parley.core.crypto.VerifyKey;
import dev.parley.core.id.KeyId;
import dev.parley.core.room.RoomVersion;

import java.util.function.Function;

/**
 * Hashing and signing events: server-server "Signing Events". The signature covers the
 * <em>redacted</em> event (which still includes the content hash), so it stays checkable after a
 * redaction; the content hash covers everything else.
 */
public final class EventSigning {
    private EventSigning() {
    }

    /**
     * "Adding hashes and signatures to outgoing events": sets {@code hashes.sha256}, then signs the
     * redacted event as {@code serverName} and copies the signature into {@code event}, in place.
     */
    public static ObjectNode hashAndSign(ObjectNode event, RoomVersion version, String serverName, SigningKey key) {
        ContentHash.add(event, EventHashes.mode(version));
        return sign(event, version, serverName, key);
    }

    /** Adds {@code serverName}'s signature of the redacted event to {@code event}, in place. */
    public static ObjectNode sign(ObjectNode event, RoomVersion version, String serverName, SigningKey key) {
        signRedacted(event, version, serverName, key);
        return event;
    }

    /**
     * {@link #hashAndSign}, returning the event's reference hash as well. The signed bytes (the
     * redacted event without {@code signatures} and {@code unsigned}, canonical) are exactly the
     * bytes the reference hash covers ("Calculating the reference hash for an event"), so a new
     * event is redacted and encoded once for both instead of once each.
     */
    static byte[] hashAndSignWithReferenceHash(ObjectNode event, RoomVersion version, String serverName, SigningKey key) {
        ContentHash.add(event, EventHashes.mode(version));
        return Sha256.hash(signRedacted(event, version, serverName, key));
    }

    /** Signs the redacted event into {@code event}; returns the signed bytes. */
    private static byte[] signRedacted(ObjectNode event, RoomVersion version, String serverName, SigningKey key) {
        ObjectNode redacted = Redaction.redactedView(event, version.redactionRules());
        byte[] signed = JsonSigning.signedBytes(redacted, EventHashes.mode(version));
        JsonSigning.addSignature(event, serverName, key.keyId(), UnpaddedBase64.encode(key.sign(signed)));
        return signed;
    }

    /**
     * "Validating hashes and signatures on received events", signature half: the redacted event
     * must carry a valid signature from {@code serverName} by every known key it names, and at
     * least one. {@code keys} returns null for unknown keys and for keys that had expired by the
     * event's {@code origin_server_ts}.
     */
    public static boolean hasValidSignature(ObjectNode event, RoomVersion version, String serverName,
                                            Function<KeyId, VerifyKey> keys) {
        ObjectNode redacted = Redaction.redactedView(event, version.redactionRules());
        return JsonSigning.check(redacted, serverName, keys, EventHashes.mode(version));
    }

    public static boolean hasValidSignature(Pdu pdu, String serverName, Function<KeyId, VerifyKey> keys) {
        return hasValidSignature(pdu.json(), pdu.roomVersion(), serverName, keys);
    }

    /** True if the PDU's {@code hashes.sha256} matches its content; if not, use {@link Pdu#redacted()}. */
    public static boolean hasValidContentHash(Pdu pdu) {
        return EventHashes.hasValidContentHash(pdu.json(), pdu.roomVersion());
    }
}
