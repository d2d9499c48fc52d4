package dev.parley.service.e2ee;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.error.MatrixException;
import dev.parley.core.id.KeyId;
import dev.parley.core.id.ServerName;
import dev.parley.core.id.UserId;
import dev.parley.core.json.Json;
import dev.parley.core.crypto.JsonSigning;
import dev.parley.store.CrossSigningStore;
import dev.parley.store.CrossSigningStore.Signature;
import dev.parley.store.E2eeKeyStore;
import dev.parley.store.E2eeKeyStore.DeviceKeys;
import dev.parley.store.E2eeKeyStore.OneTimeKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /keys/query} and {@code POST /keys/claim} (Client-Server API, "Key management
 * API"). Users of other servers need federation, which Parley does not do yet: their servers are
 * listed under {@code failures}.
 */
public final class KeyQueries {
    private final E2eeKeyStore keys;
    private final CrossSigningStore crossSigning;
    private final ServerName serverName;

    public KeyQueries(E2eeKeyStore keys, CrossSigningStore crossSigning, ServerName serverName) {
        this.keys = keys;
        this.crossSigning = crossSigning;
        this.serverName = serverName;
    }

    /**
     * {@code POST /keys/query}: each user's device keys (with {@code unsigned.device_display_name})
     * and cross-signing keys, with the signatures the requester may see: the owner's own, and on
     * a master key also the requester's. User-signing keys go only to their owner.
     *
     * @param query {@code device_keys}: user ID → device IDs (empty: all devices)
     */
    public ObjectNode query(UserId requester, ObjectNode query) {
        ObjectNode response = Json.MAPPER.createObjectNode();
        ObjectNode failures = response.putObject("failures");
        ObjectNode deviceKeys = response.putObject("device_keys");
        ObjectNode masterKeys = response.putObject("master_keys");
        ObjectNode selfSigningKeys = response.putObject("self_signing_keys");
        ObjectNode userSigningKeys = response.putObject("user_signing_keys");
        for (Map.Entry<String, JsonNode> entry : users(query, "device_keys")) {
            UserId user = UserId.parse(entry.getKey());
            if (!entry.getValue().isArray()) {
                throw MatrixException.badJson("device_keys." + entry.getKey() + " must be a list of device IDs");
            }
            if (!user.server().equals(serverName)) {
                remoteFailure(failures, user);
                continue;
            }
            List<String> wanted = new ArrayList<>();
            entry.getValue().forEach(id -> wanted.add(id.asText()));
            List<Signature> signatures = crossSigning.signaturesOver(user);
            ObjectNode devices = deviceKeys.putObject(user.value());
            for (DeviceKeys device : keys.deviceKeys(user, wanted)) {
                ObjectNode json = device.keys().deepCopy();
                merge(json, signatures, device.deviceId(), user, requester);
                device.displayName().ifPresent(name -> json.putObject("unsigned").put("device_display_name", name));
                devices.set(device.deviceId(), json);
            }
            Map<String, ObjectNode> crossSigningKeys = crossSigning.keys(user);
            putCrossSigningKey(masterKeys, crossSigningKeys.get("master"), signatures, user, requester);
            putCrossSigningKey(selfSigningKeys, crossSigningKeys.get("self_signing"), signatures, user, requester);
            if (user.equals(requester)) {
                putCrossSigningKey(userSigningKeys, crossSigningKeys.get("user_signing"), signatures, user, requester);
            }
        }
        return response;
    }

    private static void putCrossSigningKey(ObjectNode out, ObjectNode key, List<Signature> signatures, UserId owner,
                                           UserId requester) {
        if (key == null) {
            return;
        }
        ObjectNode json = key.deepCopy();
        SignedKeys.crossSigningPublicKey(json).ifPresent(pub -> merge(json, signatures, pub, owner, requester));
        out.set(owner.value(), json);
    }

    /** Adds the stored signatures over one key that the requester may see. */
    private static void merge(ObjectNode json, List<Signature> signatures, String targetKeyId, UserId owner,
                              UserId requester) {
        for (Signature s : signatures) {
            boolean visible = s.signer().equals(owner) || s.signer().equals(requester);
            if (visible && s.targetKeyId().equals(targetKeyId) && KeyId.isValid(s.signerKeyId())) {
                JsonSigning.addSignature(json, s.signer().value(), KeyId.parse(s.signerKeyId()), s.signature());
            }
        }
    }

    /**
     * {@code POST /keys/claim}: one key per requested device, each one-time key handed out once
     * only; the fallback key when the device has no one-time key of the algorithm left.
     *
     * @param query {@code one_time_keys}: user ID → device ID → algorithm
     */
    public ObjectNode claim(ObjectNode query) {
        ObjectNode response = Json.MAPPER.createObjectNode();
        ObjectNode failures = response.putObject("failures");
        ObjectNode claimed = response.putObject("one_time_keys");
        for (Map.Entry<String, JsonNode> entry : users(query, "one_time_keys")) {
            UserId user = UserId.parse(entry.getKey());
            if (!entry.getValue().isObject()) {
                throw MatrixException.badJson("one_time_keys." + entry.getKey() + " must be an object");
            }
            if (!user.server().equals(serverName)) {
                remoteFailure(failures, user);
                continue;
            }
            for (Map.Entry<String, JsonNode> device : entry.getValue().properties()) {
                if (!device.getValue().isTextual()) {
                    throw MatrixException.badJson("one_time_keys." + entry.getKey() + "." + device.getKey()
                            + " must be an algorithm");
                }
                Optional<OneTimeKey> key = keys.claim(user, device.getKey(), device.getValue().asText());
                key.ifPresent(k -> {
                    ObjectNode forUser = claimed.has(user.value()) ? (ObjectNode) claimed.get(user.value())
                            : claimed.putObject(user.value());
                    forUser.putObject(device.getKey()).set(k.fullId(), k.key());
                });
            }
        }
        return response;
    }

    /** The request's user ID → value entries of {@code field}; every key must be a user ID. */
    private static List<Map.Entry<String, JsonNode>> users(ObjectNode query, String field) {
        JsonNode node = query.get(field);
        if (node == null || !node.isObject()) {
            throw MatrixException.badJson(field + " must be an object");
        }
        List<Map.Entry<String, JsonNode>> entries = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            if (!UserId.isValid(e.getKey())) {
                throw MatrixException.badJson(field + ": '" + e.getKey() + "' is not a user ID");
            }
            entries.add(e);
        }
        return entries;
    }

    private static void remoteFailure(ObjectNode failures, UserId user) {
        failures.putObject(user.server().value()).put("status", 503)
                .put("message", "Federation is not supported yet");
    }
}
