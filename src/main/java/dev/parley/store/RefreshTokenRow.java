package dev.parley.store;

import dev.parley.core.id.UserId;
import java.util.Optional;

/** A refresh token (by hash) of one device, with the token it replaced, if any. */
public record RefreshTokenRow(String tokenHash, UserId userId, String deviceId, long createdTs,
                              Optional<String> previousTokenHash) {
}
