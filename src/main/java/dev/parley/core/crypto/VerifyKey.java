package dev.parley.core.crypto;

import dev.parley.core.error.MatrixException;
import dev.parley.core.id.KeyId;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

import java.util.Arrays;

/**
 * An Ed25519 public key with its key ID, as published under {@code verify_keys} (server-server
 * "Publishing Keys"). Decoding the point once here keeps verification at its fastest, so hold on
 * to instances (the keyring caches them).
 */
public final class VerifyKey {
    public static final int KEY_BYTES = Ed25519PublicKeyParameters.KEY_SIZE;

    private final KeyId keyId;
    private final byte[] publicKey;
    private final Ed25519PublicKeyParameters params;

    public VerifyKey(KeyId keyId, byte[] publicKey) {
        if (!KeyId.ED25519.equals(keyId.algorithm())) {
            throw MatrixException.invalidParam("Unsupported key algorithm: " + keyId.algorithm());
        }
        if (publicKey.length != KEY_BYTES) {
            throw MatrixException.invalidParam("Ed25519 public key must be " + KEY_BYTES + " bytes");
        }
        this.keyId = keyId;
        this.publicKey = publicKey.clone();
        try {
            this.params = new Ed25519PublicKeyParameters(this.publicKey, 0);
        } catch (IllegalArgumentException notAPoint) {
            throw MatrixException.invalidParam("Not a valid Ed25519 public key");
        }
    }

    /** From the unpadded Base64 form used in {@code verify_keys}. */
    public static VerifyKey fromBase64(KeyId keyId, String base64) {
        return new VerifyKey(keyId, UnpaddedBase64.decode(base64));
    }

    public KeyId keyId() {
        return keyId;
    }

    public byte[] publicKey() {
        return publicKey.clone();
    }

    public String publicKeyBase64() {
        return UnpaddedBase64.encode(publicKey);
    }

    /** True if {@code signature} is a valid Ed25519 signature of {@code message} by this key. */
    public boolean verify(byte[] message, byte[] signature) {
        if (signature.length != Ed25519.SIGNATURE_SIZE) {
            return false;
        }
        return params.verify(Ed25519.Algorithm.Ed25519, null, message, 0, message.length, signature, 0);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VerifyKey other && keyId.equals(other.keyId) && Arrays.equals(publicKey, other.publicKey);
    }

    @Override
    public int hashCode() {
        return 31 * keyId.hashCode() + Arrays.hashCode(publicKey);
    }

    @Override
    public String toString() {
        return "VerifyKey[" + keyId + " " + publicKeyBase64() + "]";
    }
}
