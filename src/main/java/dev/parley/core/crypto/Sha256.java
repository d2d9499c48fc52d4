package dev.parley.core.crypto;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA-256 via the JDK, the hash of content hashes and reference hashes (server-server "Signing Events"). */
public final class Sha256 {
    private static final MessageDigest PROTOTYPE = newDigest();

    private Sha256() {
    }

    public static byte[] hash(byte[] data) {
        return fresh().digest(data);
    }

    private static MessageDigest fresh() {
        try {
            // Cloning skips the provider lookup of getInstance on every hash.
            return (MessageDigest) PROTOTYPE.clone();
        } catch (CloneNotSupportedException e) {
            return newDigest();
        }
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            // Every Java platform must provide SHA-256 (java.security.MessageDigest Javadoc).
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }
}
