package dev.parley.service.e2ee;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.core.error.ErrCode;
import dev.parley.core.error.MatrixException;
import dev.parley.core.id.KeyId;
import dev.parley.core.id.UserId;
import dev.parley.core.json.Json;
import dev.parley.store.CrossSigningStore;
import dev.parley.store.CrossSigningStore.Signature;
import dev.parley.store.E2eeKeyStore;
import dev.parley.store.E2eeKeyStore.DeviceKeys;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Cross-signing (Client-Server API, "Cross-signing"): {@code POST /keys/device_signing/upload}
 * and {@code POST /keys/signatures/upload}. Every key and signature is checked against the
 * signer's key before it is stored.
 */
public final class CrossSigning {
    static final String MASTER = "master";
    static final String SELF_SIGNING = "self_signing";
    static final String USER_SIGNING = "user_signing";
    private static final Map<String, String> FIELDS = Map.of(MASTER, "master_key", SELF_SIGNING, "self_signing_key",
            USER_SIGNING, "user_signing_key");

    private final CrossSigningStore store;
    private final E2eeKeyStore deviceKeys;
    private final DeviceLists deviceLists;

    public CrossSigning(CrossSigningStore store, E2eeKeyStore deviceKeys, DeviceLists deviceLists) {
        this.store = store;
        this.deviceKeys = deviceKeys;
        this.deviceLists = deviceLists;
    }

    /**
     * Whether this upload needs user-interactive auth: not for the first master key, nor for
     * re-uploading exactly the keys already stored (both as Synapse, and as the spec allows
     * since v1.11 for the first upload).
     */
    public boolean needsAuth(UserId user, ObjectNode body) {
        Map<String, ObjectNode> stored = store.keys(user);
        if (!stored.containsKey(MASTER)) {
            return false;
        }
        for (Map.Entry<String, String> field : FIELDS.entrySet()) {
            JsonNode uploaded = body.get(field.getValue());
            if (uploaded != null && !uploaded.isNull() && !uploaded.equals(stored.get(field.getKey()))) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code POST /keys/device_signing/upload}: each key must be the user's, have its usage and
     * one Ed25519 key; the self-signing and user-signing keys must be signed by the master key
     * (the one uploaded with them, or the stored one).
     */
    public void upload(UserId user, ObjectNode body) {
        Map<String, ObjectNode> uploaded = new LinkedHashMap<>();
        for (String usage : List.of(MASTER, SELF_SIGNING, USER_SIGNING)) {
            JsonNode key = body.get(FIELDS.get(usage));
            if (key == null || key.isNull()) {
                continue;
            }
            if (!(key instanceof ObjectNode object)) {
                throw MatrixException.badJson(FIELDS.get(usage) + " must be an object");
            }
            check(user, usage, object);
            uploaded.put(usage, object);
        }
        if (uploaded.isEmpty()) {
            return;
        }
        ObjectNode master = Optional.ofNullable(uploaded.get(MASTER)).or(() -> Optional.ofNullable(store.keys(user).get(MASTER)))
                .orElseThrow(() -> new MatrixException(ErrCode.MISSING_PARAM, "No master signing key is available"));
        String masterPublic = SignedKeys.crossSigningPublicKey(master).orElseThrow();
        for (String usage : List.of(SELF_SIGNING, USER_SIGNING)) {
            ObjectNode key = uploaded.get(usage);
            if (key != null && !SignedKeys.signedBy(key, user, masterPublic, masterPublic)) {
                throw new MatrixException(ErrCode.INVALID_SIGNATURE, FIELDS.get(usage) + " is not signed by the master key");
            }
        }
        for (ObjectNode key : uploaded.values()) {
            String pub = SignedKeys.crossSigningPublicKey(key).orElseThrow();
            if (deviceKeys.deviceKeys(user, List.of(pub)).size() > 0) {
                throw MatrixException.forbidden("A cross-signing public key must not equal one of your device IDs");
            }
        }
        store.setKeys(user, uploaded);
        deviceLists.changed(user);
    }

    private static void check(UserId user, String usage, ObjectNode key) {
        String field = FIELDS.get(usage);
        if (!key.path("user_id").asText("").equals(user.value())) {
            throw MatrixException.invalidParam(field + ".user_id must be " + user.value());
        }
        JsonNode usages = key.path("usage");
        boolean hasUsage = false;
        for (JsonNode u : usages) {
            hasUsage |= usage.equals(u.asText());
        }
        if (!usages.isArray() || !hasUsage) {
            throw MatrixException.invalidParam(field + ".usage must contain " + usage);
        }
        if (SignedKeys.crossSigningPublicKey(key).isEmpty()) {
            throw MatrixException.invalidParam(field + ".keys must hold one ed25519:<public key> entry");
        }
    }

    /**
     * {@code POST /keys/signatures/upload}: the user's self-signing key signing their devices, one
     * of their devices signing their master key, or their user-signing key signing another
     * user's master key. Good signatures are stored; each bad one is reported under
     * {@code failures} by user and key ID.
     */
    public ObjectNode uploadSignatures(UserId signer, ObjectNode body) {
        ObjectNode failures = Json.MAPPER.createObjectNode();
        List<Signature> accepted = new ArrayList<>();
        Map<String, ObjectNode> own = store.keys(signer);
        for (Map.Entry<String, JsonNode> byUser : body.properties()) {
            if (!UserId.isValid(byUser.getKey()) || !byUser.getValue().isObject()) {
                throw MatrixException.badJson("'" + byUser.getKey() + "' must be a user ID mapping key IDs to signed keys");
            }
            UserId target = UserId.parse(byUser.getKey());
            for (Map.Entry<String, JsonNode> byKey : byUser.getValue().properties()) {
                Object outcome = byKey.getValue() instanceof ObjectNode signed
                        ? signature(signer, own, target, byKey.getKey(), signed)
                        : failure(ErrCode.BAD_JSON, "The signed key must be an object");
                if (outcome instanceof Signature s) {
                    accepted.add(s);
                } else {
                    ObjectNode forUser = failures.has(target.value()) ? (ObjectNode) failures.get(target.value())
                            : failures.putObject(target.value());
                    forUser.set(byKey.getKey(), (ObjectNode) outcome);
                }
            }
        }
        if (!accepted.isEmpty()) {
            store.addSignatures(accepted);
            accepted.stream().map(Signature::target).distinct().forEach(deviceLists::changed);
        }
        ObjectNode response = Json.MAPPER.createObjectNode();
        response.set("failures", failures);
        return response;
    }

    /** The checked signature, or the failure object to report. */
    private Object signature(UserId signer, Map<String, ObjectNode> own, UserId target, String keyId, ObjectNode signed) {
        Map<String, ObjectNode> theirs = target.equals(signer) ? own : store.keys(target);
        ObjectNode targetMaster = theirs.get(MASTER);
        Optional<String> masterPublic = Optional.ofNullable(targetMaster).flatMap(SignedKeys::crossSigningPublicKey);
        if (masterPublic.isPresent() && masterPublic.get().equals(keyId)) {
            if (!SignedKeys.signedPart(signed).equals(SignedKeys.signedPart(targetMaster))) {
                return failure(ErrCode.INVALID_PARAM, "The signed master key differs from the stored one");
            }
            return target.equals(signer) ? masterSignedByDevice(signer, keyId, signed)
                    : signedByOwnKey(signer, own.get(USER_SIGNING), "user-signing", target, keyId, signed);
        }
        if (!target.equals(signer)) {
            return failure(ErrCode.NOT_FOUND, "Only another user's master key can be signed");
        }
        List<DeviceKeys> device = deviceKeys.deviceKeys(signer, List.of(keyId));
        if (device.isEmpty()) {
            return failure(ErrCode.NOT_FOUND, "No such device or key: " + keyId);
        }
        if (!SignedKeys.signedPart(signed).equals(SignedKeys.signedPart(device.getFirst().keys()))) {
            return failure(ErrCode.INVALID_PARAM, "The signed device keys differ from the stored ones");
        }
        return signedByOwnKey(signer, own.get(SELF_SIGNING), "self-signing", target, keyId, signed);
    }

    /** The user's own master key, signed by one of their devices' Ed25519 keys. */
    private Object masterSignedByDevice(UserId user, String masterPublic, ObjectNode signed) {
        for (KeyId signing : dev.parley.core.crypto.JsonSigning.signingKeyIds(signed, user.value())) {
            if (!KeyId.ED25519.equals(signing.algorithm()) || signing.version().equals(masterPublic)) {
                continue;
            }
            List<DeviceKeys> device = deviceKeys.deviceKeys(user, List.of(signing.version()));
            if (device.isEmpty()) {
                continue;
            }
            String devicePublic = device.getFirst().keys().path("keys").path(signing.value()).asText("");
            if (SignedKeys.signedBy(signed, user, signing.version(), devicePublic)) {
                return new Signature(user, signing.value(), user, masterPublic,
                        signed.path("signatures").path(user.value()).path(signing.value()).asText());
            }
            return failure(ErrCode.INVALID_SIGNATURE, "Invalid signature by device " + signing.version());
        }
        return failure(ErrCode.INVALID_SIGNATURE, "No signature by one of your devices");
    }

    /** A signature by the signer's own cross-signing key (self-signing or user-signing). */
    private static Object signedByOwnKey(UserId signer, ObjectNode signingKey, String what, UserId target,
                                         String targetKeyId, ObjectNode signed) {
        if (signingKey == null) {
            return failure(ErrCode.INVALID_SIGNATURE, "You have no " + what + " key");
        }
        String pub = SignedKeys.crossSigningPublicKey(signingKey).orElseThrow();
        if (!SignedKeys.signedBy(signed, signer, pub, pub)) {
            return failure(ErrCode.INVALID_SIGNATURE, "Missing or invalid signature by your " + what + " key");
        }
        KeyId id = KeyId.ed25519(pub);
        return new Signature(signer, id.value(), target, targetKeyId,
                signed.path("signatures").path(signer.value()).path(id.value()).asText());
    }

    private static ObjectNode failure(ErrCode code, String message) {
        ObjectNode failure = Json.MAPPER.createObjectNode();
        failure.put("errcode", code.code());
        failure.put("error", message);
        return failure;
    }
}
