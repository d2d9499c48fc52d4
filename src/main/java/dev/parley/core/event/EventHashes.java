package dev.parley.core.event;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.crypto.ContentHash;
import dev.parley.core.crypto.Sha256;
import dev.parley.core.crypto.UnpaddedBase64;
import dev.parley.core.error.MatrixException;
import dev.parley.core.id.EventId;
import dev.parley.core.json.CanonicalJson;
import dev.parley.core.room.RoomVersion;

/**
 * Reference hashes and the event IDs derived from them (server-server "Calculating the reference
 * hash for an event"; room versions 3 and 4 "Event IDs"), and the content hash check.
 */
public final class EventHashes {
    private EventHashes() {
    }

    /**
     * The reference hash: redact, drop {@code signatures} and {@code unsigned}, canonicalise,
     * SHA-256.
     */
    public static byte[] referenceHash(ObjectNode event, RoomVersion version) {
        ObjectNode redacted = Redaction.redactedView(event, version.redactionRules());
        return Sha256.hash(CanonicalJson.encodeWithout(redacted, mode(version), "signatures", "unsigned"));
    }

    /**
     * The event ID of an event in a room version 3+ room: {@code $} and the reference hash in
     * unpadded Base64 (v3) or URL-safe unpadded Base64 (v4+). v1/v2 IDs are chosen by the
     * sender and cannot be computed.
     */
    public static EventId computeEventId(ObjectNode event, RoomVersion version) {
        return eventId(referenceHash(event, version), version);
    }

    /** The v3+ event ID for a reference hash (see {@link #computeEventId}). */
    static EventId eventId(byte[] hash, RoomVersion version) {
        return switch (version.eventIdFormat()) {
            case REFERENCE_HASH_BASE64 -> new EventId("$" + UnpaddedBase64.encode(hash));
            case REFERENCE_HASH_URL_SAFE -> new EventId("$" + UnpaddedBase64.encodeUrlSafe(hash));
            case SERVER_SCOPED -> throw MatrixException.badJson(
                    "Room version " + version.id() + " events carry their own event_id");
        };
    }

    /** The content hash of the event as it stands (see {@link ContentHash}). */
    public static byte[] contentHash(ObjectNode event, RoomVersion version) {
        return ContentHash.compute(event, mode(version));
    }

    /**
     * True if {@code hashes.sha256} matches the event's content hash. A mismatch means the event
     * must be redacted before further processing (server-server "Validating hashes and
     * signatures on received events").
     */
    public static boolean hasValidContentHash(ObjectNode event, RoomVersion version) {
        return ContentHash.matches(event, mode(version));
    }

    static CanonicalJson.Mode mode(RoomVersion version) {
        return version.strictCanonicalJson() ? CanonicalJson.Mode.STRICT : CanonicalJson.Mode.LENIENT;
    }
}
