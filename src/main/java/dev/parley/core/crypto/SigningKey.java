package dev.parley.core.crypto;

import dev.parley.core.error.MatrixException;
import dev.parley.core.id.KeyId;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/**
 * An Ed25519 signing key with its key ID {@code ed25519:<version>} (appendix "Signing Details";
 * server-server "Retrieving server keys"). Uses the BouncyCastle lightweight API, which is an
 * order of magnitude faster than the JDK provider.
 *
 * <p>Keys are stored as their 32-byte seed, in the line format Synapse uses for its signing key
 * file, so keys can move between the two: {@code ed25519 <version> <unpadded base64 seed>}.
 */
public final class SigningKey {
    /** Ed25519 seeds are 32 bytes (RFC 8032). */
    public static final int SEED_BYTES = Ed25519PrivateKeyParameters.KEY_SIZE;

    private final KeyId keyId;
    private final Ed25519PrivateKeyParameters privateKey;
    private final VerifyKey verifyKey;

    private SigningKey(String version, Ed25519PrivateKeyParameters privateKey) {
        if (!KeyId.isServerKeyVersion(version)) {
            // Server key versions "must have characters matching the regular expression [a-zA-Z0-9_]".
            throw MatrixException.invalidParam("Key version must match [a-zA-Z0-9_]+: " + version);
        }
        this.keyId = KeyId.ed25519(version);
        this.privateKey = privateKey;
        this.verifyKey = new VerifyKey(keyId, privateKey.generatePublicKey().getEncoded());
    }

    public static SigningKey generate(String version) {
        return generate(version, new SecureRandom());
    }

    public static SigningKey generate(String version, SecureRandom random) {
        return new SigningKey(version, new Ed25519PrivateKeyParameters(random));
    }

    public static SigningKey fromSeed(String version, byte[] seed) {
        if (seed.length != SEED_BYTES) {
            throw MatrixException.invalidParam("Ed25519 seed must be " + SEED_BYTES + " bytes, got " + seed.length);
        }
        return new SigningKey(version, new Ed25519PrivateKeyParameters(seed, 0));
    }

    /** Parses one line {@code ed25519 <version> <base64 seed>} of a Synapse signing key file. */
    public static SigningKey fromKeyFileLine(String line) {
        String[] parts = line.trim().split("\\s+");
        if (parts.length != 3 || !parts[0].equals(KeyId.ED25519)) {
            throw MatrixException.invalidParam("Signing key line must be 'ed25519 <version> <base64 seed>'");
        }
        return fromSeed(parts[1], UnpaddedBase64.decode(parts[2]));
    }

    /** Parses a signing key file: one key per non-blank line. */
    public static List<SigningKey> fromKeyFile(String contents) {
        List<SigningKey> keys = new ArrayList<>();
        for (String line : contents.split("\\R")) {
            if (!line.isBlank()) {
                keys.add(fromKeyFileLine(line));
            }
        }
        return keys;
    }

    /** The key file line for this key; it holds the secret seed. */
    public String toKeyFileLine() {
        return KeyId.ED25519 + " " + keyId.version() + " " + UnpaddedBase64.encode(privateKey.getEncoded());
    }

    public KeyId keyId() {
        return keyId;
    }

    public String version() {
        return keyId.version();
    }

    public VerifyKey verifyKey() {
        return verifyKey;
    }

    /** A copy of the 32-byte seed. */
    public byte[] seed() {
        return privateKey.getEncoded();
    }

    /** The 64-byte Ed25519 signature of {@code message}. */
    public byte[] sign(byte[] message) {
        byte[] signature = new byte[Ed25519.SIGNATURE_SIZE];
        privateKey.sign(Ed25519.Algorithm.Ed25519, null, message, 0, message.length, signature, 0);
        return signature;
    }

    /** Never prints the seed. */
    @Override
    public String toString() {
        return "SigningKey[" + keyId + "]";
    }
}
