package dev.parley.service.account;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.parley.core.id.UserId;
import java.time.Duration;
import java.util.Optional;

/**
 * Single-use, short-lived tokens for {@code m.login.token}, made by {@code POST /login/get_token}
 * so a signed-in device can sign in another (Client-Server API, "Login"). Kept in memory: a
 * restart only makes outstanding ones (valid for two minutes) unusable.
 */
public final class LoginTokens {
    private final Cache<String, UserId> tokens;
    private final long lifetimeMs;

    public LoginTokens(long lifetimeMs) {
        this.lifetimeMs = lifetimeMs;
        this.tokens = Caffeine.newBuilder().expireAfterWrite(Duration.ofMillis(lifetimeMs)).maximumSize(100_000).build();
    }

    public String issue(UserId userId) {
        String token = TokenHashes.newToken("plt_");
        tokens.put(TokenHashes.hash(token), userId);
        return token;
    }

    public long lifetimeMs() {
        return lifetimeMs;
    }

    /** The token's user, once: the token is gone afterwards. */
    public Optional<UserId> consume(String token) {
        return Optional.ofNullable(tokens.asMap().remove(TokenHashes.hash(token)));
    }
}
