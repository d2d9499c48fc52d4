package dev.parley.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.id.UserId;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Local devices' end-to-end encryption keys (Client-Server API, "Key management API"): device
 * keys, one-time keys and fallback keys. They are deleted with their device.
 */
public interface E2eeKeyStore {
    /** A one-time or fallback key: {@code algorithm:keyId} → {@code key} (a string or a signed object). */
    record OneTimeKey(String algorithm, String keyId, JsonNode key) {
        public String fullId() {
            return algorithm + ":" + keyId;
        }
    }

    /** One device's uploaded keys, with the device's display name for {@code unsigned}. */
    record DeviceKeys(UserId user, String deviceId, ObjectNode keys, Optional<String> displayName) {
    }

    /** What an upload would do; nothing is written when {@code conflict} is present. */
    record UploadOutcome(Optional<String> conflict, boolean deviceKeysChanged, Map<String, Long> oneTimeKeyCounts) {
    }

    /**
     * Stores what a {@code POST /keys/upload} carries, in one transaction: device keys (unless
     * the device has different ones, which is a conflict), new one-time keys (a known key ID with
     * different content is a conflict; the same content is ignored), and fallback keys, which
     * replace the algorithm's previous fallback key and start unused.
     */
    UploadOutcome upload(UserId user, String deviceId, Optional<ObjectNode> deviceKeys, List<OneTimeKey> oneTimeKeys,
                         List<OneTimeKey> fallbackKeys);

    /** The device keys of the given users' devices ({@code devices} empty: all of them). */
    List<DeviceKeys> deviceKeys(UserId user, Collection<String> devices);

    /**
     * What a syncing device is told of its keys, read together: its unclaimed one-time keys per
     * algorithm, and the algorithms for which it has a fallback key no claim has used.
     */
    record KeyCounts(Map<String, Long> oneTimeKeys, List<String> unusedFallbackTypes) {
    }

    KeyCounts keyCounts(UserId user, String deviceId);

    /**
     * Hands out one key of {@code algorithm} for the device: a one-time key, the earliest uploaded
     * (keys of one upload in key ID order), deleted in the same transaction so no other claim can
     * get it, or else the fallback key, which is marked used.
     */
    Optional<OneTimeKey> claim(UserId user, String deviceId, String algorithm);
}
