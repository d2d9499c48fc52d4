package dev.parley.store;

import dev.parley.core.id.UserId;
import java.util.Optional;

/** Access and refresh tokens, by hash. */
public interface AccessTokenStore {
    void create(AccessTokenRow token);

    Optional<AccessTokenRow> find(String tokenHash);

    /** @return whether a token was deleted */
    boolean delete(String tokenHash);

    /** @return how many access tokens were deleted */
    int deleteAllFor(UserId userId);

    /** Deletes the access and refresh tokens of one device. */
    void deleteForDevice(UserId userId, String deviceId);

    void createRefresh(RefreshTokenRow token);

    Optional<RefreshTokenRow> findRefresh(String tokenHash);

    /**
     * Replaces a refresh token's access tokens with {@code newAccess} and records
     * {@code newRefresh} (whose previous token is {@code used}), all in one transaction.
     */
    void rotate(RefreshTokenRow used, RefreshTokenRow newRefresh, AccessTokenRow newAccess);

    /** Revokes the refresh token that {@code refreshTokenHash} replaced, once the new pair is used. */
    void revokePrevious(String refreshTokenHash);
}
