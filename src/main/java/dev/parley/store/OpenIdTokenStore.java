package dev.parley.store;

import dev.parley.core.id.UserId;
import java.util.Optional;

/** OpenID tokens, by the SHA-256 of the token (Client-Server API, "OpenID"). */
public interface OpenIdTokenStore {
    void add(String tokenHash, UserId user, long expiresTs);

    /** The token's owner, if the token is known and expires after {@code now}. */
    Optional<UserId> owner(String tokenHash, long now);

    /** Forgets the tokens that expired before {@code now}. */
    void deleteExpired(long now);
}
