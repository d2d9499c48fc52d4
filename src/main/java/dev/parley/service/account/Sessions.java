package dev.parley.service.account;

import dev.parley.core.crypto.Sha256;
import dev.parley.core.id.UserId;
import dev.parley.store.AccessTokenRow;
import dev.parley.store.AccessTokenStore;
import dev.parley.store.UserRow;
import dev.parley.store.UserStore;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Access tokens: 256 random bits, handed out once and stored only as their SHA-256 hash.
 * Client-Server API, "Client Authentication".
 */
public final class Sessions {
    private static final String TOKEN_PREFIX = "pat_";

    private final AccessTokenStore tokens;
    private final UserStore users;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public Sessions(AccessTokenStore tokens, UserStore users, Clock clock) {
        this.tokens = tokens;
        this.users = users;
        this.clock = clock;
    }

    /** Issues a new token for the account (and device, if any); returns the token itself. */
    public String issue(UserId userId, Optional<String> deviceId) {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String token = TOKEN_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        tokens.create(new AccessTokenRow(hash(token), userId, deviceId, clock.millis(), Optional.empty()));
        return token;
    }

    /** The session a token belongs to; empty for unknown, expired or deactivated-account tokens. */
    public Optional<Session> authenticate(String token) {
        Optional<AccessTokenRow> row = tokens.find(hash(token));
        if (row.isEmpty() || row.get().expiresTs().map(t -> t <= clock.millis()).orElse(false)) {
            return Optional.empty();
        }
        Optional<UserRow> user = users.find(row.get().userId());
        if (user.isEmpty() || user.get().deactivated()) {
            return Optional.empty();
        }
        return Optional.of(new Session(row.get().userId(), row.get().deviceId(), user.get().guest()));
    }

    public boolean revoke(String token) {
        return tokens.delete(hash(token));
    }

    private static String hash(String token) {
        return HexFormat.of().formatHex(Sha256.hash(token.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }
}
