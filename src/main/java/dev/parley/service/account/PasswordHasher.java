package dev.parley.service.account;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/**
 * bcrypt, in the {@code $2b$} form Synapse stores, so accounts can move between the two
 * servers. Cost 12 as Synapse uses by default (a few hundred milliseconds per check, on purpose).
 */
public final class PasswordHasher {
    private static final int MAX_PASSWORD_BYTES = 72; // bcrypt reads no further
    private final SecureRandom random = new SecureRandom();
    private final int cost;

    public PasswordHasher(int cost) {
        this.cost = cost;
    }

    public String hash(String password) {
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        return OpenBSDBCrypt.generate("2b", truncate(password), salt, cost);
    }

    public boolean matches(String hash, String password) {
        try {
            return OpenBSDBCrypt.checkPassword(hash, truncate(password));
        } catch (IllegalArgumentException malformedHash) {
            return false;
        }
    }

    private static char[] truncate(String password) {
        byte[] utf8 = password.getBytes(StandardCharsets.UTF_8);
        if (utf8.length <= MAX_PASSWORD_BYTES) {
            return password.toCharArray();
        }
        // BouncyCastle refuses longer inputs; bcrypt implementations elsewhere ignore the rest.
        return new String(utf8, 0, MAX_PASSWORD_BYTES, StandardCharsets.UTF_8).toCharArray();
    }
}
