package dev.parley.service.account;

import dev.parley.core.error.ErrCode;
import dev.parley.core.error.MatrixException;
import dev.parley.core.id.UserId;
import dev.parley.store.OpenIdTokenStore;
import java.time.Clock;

/**
 * OpenID tokens (Client-Server API, "OpenID"): a user gets one to prove who they are to a third
 * party (an integration manager, a widget), which asks this server's federation endpoint
 * {@code /openid/userinfo} whose it is. Tokens live an hour and only answer that one question;
 * they are stored (as their SHA-256) so a restart does not end them early.
 */
public final class OpenIdTokens {
    public static final long LIFETIME_SECONDS = 3600;

    /** A new token and how many seconds it is valid. */
    public record Issued(String accessToken, long expiresInSeconds) {
    }

    private final OpenIdTokenStore store;
    private final Clock clock;

    public OpenIdTokens(OpenIdTokenStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** @throws MatrixException {@code M_FORBIDDEN} when asking for a token for another user */
    public Issued issue(UserId requester, UserId user) {
        if (!requester.equals(user)) {
            throw MatrixException.forbidden("Cannot request an OpenID token for another user.");
        }
        long now = clock.millis();
        // Expired tokens are swept here rather than by a timer: issuing is when the table grows.
        store.deleteExpired(now);
        String token = TokenHashes.newToken("poi_");
        store.add(TokenHashes.hash(token), user, now + LIFETIME_SECONDS * 1000);
        return new Issued(token, LIFETIME_SECONDS);
    }

    /** @throws MatrixException 401 {@code M_UNKNOWN_TOKEN} for an unknown or expired token */
    public UserId owner(String token) {
        return store.owner(TokenHashes.hash(token), clock.millis())
                .orElseThrow(() -> new MatrixException(ErrCode.UNKNOWN_TOKEN, "The OpenID token is unknown or has expired."));
    }
}
