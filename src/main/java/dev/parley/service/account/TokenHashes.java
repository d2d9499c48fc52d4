package dev.parley.service.account;

import dev.parley.core.crypto.Sha256;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/** Secret tokens: 256 random bits handed out once, stored only as their SHA-256. */
final class TokenHashes {
    private static final SecureRandom RANDOM = new SecureRandom();

    private TokenHashes() {
    }

    static String newToken(String prefix) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    static String hash(String token) {
        return HexFormat.of().formatHex(Sha256.hash(token.getBytes(StandardCharsets.UTF_8)));
    }
}
