package dev.parley.service.e2ee;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.error.ErrCode;
import dev.parley.core.error.MatrixException;
import dev.parley.core.id.KeyId;
import dev.parley.core.id.UserId;
import dev.parley.store.E2eeKeyStore;
import dev.parley.store.E2eeKeyStore.OneTimeKey;
import dev.parley.store.E2eeKeyStore.UploadOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /keys/upload} (Client-Server API, "Key management API"): a device publishes its
 * identity keys once, and one-time and fallback keys as needed.
 */
public final class KeyUploads {
    private final E2eeKeyStore store;
    private final DeviceLists deviceLists;

    public KeyUploads(E2eeKeyStore store, DeviceLists deviceLists) {
        this.store = store;
        this.deviceLists = deviceLists;
    }

    /**
     * Checks and stores the upload; returns {@code one_time_key_counts}.
     *
     * @throws MatrixException {@code M_BAD_JSON} for a malformed body; {@code M_INVALID_PARAM} for
     *     device keys of another user or device, without a valid self-signature, or different
     *     from the device's existing ones, and for a one-time key ID reused with other content
     */
    public Map<String, Long> upload(UserId user, Optional<String> deviceId, ObjectNode body) {
        String device = deviceId.orElseThrow(() -> MatrixException.invalidParam("Keys belong to a device; this token has none"));
        Optional<ObjectNode> deviceKeys = Optional.empty();
        JsonNode dk = body.get("device_keys");
        if (dk != null && !dk.isNull()) {
            if (!(dk instanceof ObjectNode object)) {
                throw MatrixException.badJson("device_keys must be an object");
            }
            checkDeviceKeys(user, device, object);
            deviceKeys = Optional.of(object);
        }
        List<OneTimeKey> oneTimeKeys = keys(body, "one_time_keys");
        List<OneTimeKey> fallbackKeys = keys(body, "fallback_keys");
        UploadOutcome outcome = store.upload(user, device, deviceKeys, oneTimeKeys, fallbackKeys);
        if (outcome.conflict().isPresent()) {
            throw MatrixException.invalidParam(outcome.conflict().get());
        }
        if (outcome.deviceKeysChanged()) {
            deviceLists.changed(user);
        }
        return DeviceLists.reported(outcome.oneTimeKeyCounts());
    }

    /** DeviceKeys: this user's and device's, listing algorithms, signed by the device's own Ed25519 key. */
    private static void checkDeviceKeys(UserId user, String device, ObjectNode keys) {
        if (!keys.path("user_id").isTextual() || !keys.path("device_id").isTextual()
                || !keys.path("algorithms").isArray() || !keys.path("keys").isObject()
                || !keys.path("signatures").isObject()) {
            throw MatrixException.badJson("device_keys needs user_id, device_id, algorithms, keys and signatures");
        }
        if (!keys.path("user_id").asText().equals(user.value())) {
            throw MatrixException.invalidParam("device_keys.user_id must be " + user.value());
        }
        if (!keys.path("device_id").asText().equals(device)) {
            throw MatrixException.invalidParam("device_keys.device_id must be " + device);
        }
        JsonNode ed25519 = keys.path("keys").path(KeyId.ED25519 + ":" + device);
        if (!ed25519.isTextual()) {
            throw MatrixException.invalidParam("device_keys.keys has no ed25519:" + device + " key");
        }
        if (!SignedKeys.signedBy(keys, user, device, ed25519.asText())) {
            throw new MatrixException(ErrCode.INVALID_PARAM, "device_keys is not signed by the device's ed25519 key");
        }
    }

    /** {@code one_time_keys} / {@code fallback_keys}: {@code <algorithm>:<key ID>} → a key string or signed key object. */
    private static List<OneTimeKey> keys(ObjectNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isObject()) {
            throw MatrixException.badJson(field + " must be an object");
        }
        List<OneTimeKey> out = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            int colon = e.getKey().indexOf(':');
            if (colon <= 0 || colon == e.getKey().length() - 1) {
                throw MatrixException.badJson(field + ": '" + e.getKey() + "' is not <algorithm>:<key ID>");
            }
            if (!e.getValue().isTextual() && !e.getValue().isObject()) {
                throw MatrixException.badJson(field + "." + e.getKey() + " must be a string or an object");
            }
            out.add(new OneTimeKey(e.getKey().substring(0, colon), e.getKey().substring(colon + 1), e.getValue()));
        }
        return out;
    }
}
