package dev.parley.store;

import dev.parley.core.id.UserId;
import java.util.Optional;

/**
 * An access token, known only by the SHA-256 hash of its value. Refreshable tokens expire and
 * name the refresh token issued with them.
 */
public record AccessTokenRow(String tokenHash, UserId userId, Optional<String> deviceId, long createdTs,
                             Optional<Long> expiresTs, Optional<String> refreshTokenHash) {
    public AccessTokenRow(String tokenHash, UserId userId, Optional<String> deviceId, long createdTs,
                          Optional<Long> expiresTs) {
        this(tokenHash, userId, deviceId, createdTs, expiresTs, Optional.empty());
    }
}
